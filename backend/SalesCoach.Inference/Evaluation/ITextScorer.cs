namespace SalesCoach.Inference.Evaluation;

/// <summary>Featurize + score one text (managed maths or ONNX Runtime); one instance per thread.</summary>
public interface ITextScorer
{
    /// <summary>Scores <paramref name="text"/>; <paramref name="context"/> (the other side's previous turn, or null) counts only for a model that reads context.</summary>
    void Score(string text, string? context, Span<float> scores);

    void Score(string text, Span<float> scores) => Score(text, null, scores);
}
