using SalesCoach.Inference.Evaluation;

namespace SalesCoach.Inference.Tests.Evaluation;

public class MetricsCalculatorTests
{
    private static readonly string[] Labels = ["a", "b", "oos"];

    [Fact]
    public void Compute_KnownPredictions_HandCheckedFigures()
    {
        int[][] gold = [[0], [0], [1], [1], [2], [2]];
        int[][] predicted = [[0], [1], [1], [1], [2], [0]];
        var report = MetricsCalculator.Compute(gold, predicted, Labels, oosIndex: 2);

        Assert.Equal(4.0 / 6, report.Accuracy, 6);
        Assert.Equal(0.5, report.PerLabel["a"].Precision, 6);
        Assert.Equal(0.5, report.PerLabel["a"].Recall, 6);
        Assert.Equal(2.0 / 3, report.PerLabel["b"].Precision, 6);
        Assert.Equal(1.0, report.PerLabel["b"].Recall, 6);
        Assert.Equal(0.8, report.PerLabel["b"].F1, 6);
        Assert.Equal(2, report.PerLabel["oos"].Support);
        Assert.Equal(0.5, report.OosRecall!.Value, 6);
        Assert.Equal(0.75, report.InScopeAccuracy!.Value, 6);
        Assert.Equal((0.5 + 0.8 + 2.0 / 3) / 3, report.MacroF1, 6);
        Assert.Equal(2, report.TopConfusions.Count);
        Assert.Contains(new ConfusionPair("a", "b", 1), report.TopConfusions);
    }

    [Fact]
    public void Compute_MultiLabel_ExactMatchAccuracy()
    {
        int[][] gold = [[0, 1], [1]];
        int[][] predicted = [[1, 0], [0, 1]];
        var report = MetricsCalculator.Compute(gold, predicted, Labels);
        Assert.Equal(0.5, report.Accuracy, 6);
        Assert.Null(report.OosRecall);
        Assert.Equal(1.0, report.PerLabel["b"].Recall, 6);
    }
}
