namespace SalesCoach.Inference.Evaluation;

/// <summary>Featurize + score one text (managed maths or ONNX Runtime); one instance per thread.</summary>
public interface ITextScorer
{
    void Score(string text, Span<float> scores);
}
