using SalesCoach.Coaching.Signals;
using SalesCoach.Inference.Evaluation;
using SalesCoach.Inference.Training;

namespace SalesCoach.Coaching.Tests.Signals;

/// <summary>
/// What the report measures is what the product serves: the shipped model's labels through the
/// serving path (<see cref="SignalModel"/>) equal the evaluator's decision rule on every dev line.
/// </summary>
public sealed class ShippedModelParityTests
{
    [Fact]
    public void Classify_EveryDevLine_MatchesTheEvaluatorsDecisionRule()
    {
        var directory = Path.Combine(Path.GetDirectoryName(CorpusFiles.Directory)!, "Model");
        var metadata = ModelDirectory.LoadMetadata(directory);
        using var classifier = new OnnxSignalClassifier(directory);
        using var session = OnnxTextScorer.OpenSession(directory);
        var scorer = new OnnxTextScorer(session, metadata.Featurizer);
        var scores = new float[metadata.Labels.Length];
        var lines = CorpusFiles.Lines.Where(l => l.Split == "dev").ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            scorer.Score(line.Text, scores);
            var expected = DecisionRule.Decide(scores, metadata).Select(i => metadata.Labels[i])
                .Where(l => l != SignalModel.NoSignalLabel).Order(StringComparer.Ordinal);
            var served = classifier.Classify("tenant", line.Text, line.Language).Select(s => s.Label).Order(StringComparer.Ordinal);
            Assert.Equal(expected, served);
        }
    }
}
