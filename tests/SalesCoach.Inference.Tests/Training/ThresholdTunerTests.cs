using SalesCoach.Inference.Training;

namespace SalesCoach.Inference.Tests.Training;

public class ThresholdTunerTests
{
    [Fact]
    public void PerLabel_SeparableScores_ThresholdBetweenClasses()
    {
        // Label 0: positives score 0.3-0.4, negatives 0.1-0.2: a 0.5 default would miss every positive.
        float[][] scores = [[0.35f, 0.9f], [0.3f, 0.8f], [0.4f, 0.1f], [0.15f, 0.2f], [0.1f, 0.7f], [0.2f, 0.3f]];
        int[][] gold = [[0, 1], [0, 1], [0], [], [1], []];
        var thresholds = ThresholdTuner.PerLabel(scores, gold, 2);
        Assert.InRange(thresholds[0], 0.2001f, 0.3f);
        Assert.InRange(thresholds[1], 0.3001f, 0.7f);
    }

    [Fact]
    public void PerLabel_LabelAbsentFromDev_DefaultThreshold()
    {
        var thresholds = ThresholdTuner.PerLabel([[0.9f, 0.1f]], [[0]], 2);
        Assert.Equal(ThresholdTuner.DefaultThreshold, thresholds[1]);
    }

    [Fact]
    public void LabelsOver_Secondary_KeepsTheTopLabelAndDropsWeakCompanions()
    {
        float[] thresholds = [0.1f, 0.1f, 0.1f];
        float[] scores = [0.9f, 0.3f, 0.05f];
        Assert.Equal([0, 1], DecisionRule.LabelsOver(scores, thresholds));
        Assert.Equal([0, 1], DecisionRule.LabelsOver(scores, thresholds, secondary: 0.3f));
        Assert.Equal([0], DecisionRule.LabelsOver(scores, thresholds, secondary: 0.5f));
        // The top label needs only its own threshold, however high the secondary one is.
        Assert.Equal([0], DecisionRule.LabelsOver([0.2f, 0.15f, 0f], thresholds, secondary: 0.9f));
        Assert.Empty(DecisionRule.LabelsOver([0.05f, 0.02f, 0f], thresholds, secondary: 0.9f));
    }

    [Fact]
    public void Secondary_NoisyCompanions_TunedHighEnoughToDropThem()
    {
        // Rows have one true label; a second label trails at 0.2-0.35 on every row and is never right.
        float[][] scores = [[0.9f, 0.3f], [0.8f, 0.25f], [0.35f, 0.95f], [0.2f, 0.85f]];
        int[][] gold = [[0], [0], [1], [1]];
        float[] thresholds = [0.15f, 0.15f];
        var secondary = ThresholdTuner.Secondary(scores, gold, thresholds, ["a", "b"]);
        Assert.InRange(secondary, 0.4f, 0.9f);
        Assert.All(scores.Zip(gold), p => Assert.Equal(p.Second, DecisionRule.LabelsOver(p.First, thresholds, secondary)));
    }

    [Fact]
    public void Secondary_RealMultiLabelRows_StaysOff()
    {
        // Every row truly carries both labels, the second at 0.2-0.3: any secondary threshold would cost recall.
        float[][] scores = [[0.9f, 0.3f], [0.8f, 0.2f], [0.3f, 0.7f]];
        int[][] gold = [[0, 1], [0, 1], [0, 1]];
        Assert.Equal(0f, ThresholdTuner.Secondary(scores, gold, [0.15f, 0.15f], ["a", "b"]));
    }

    [Fact]
    public void OutOfScope_LowConfidenceOos_ThresholdRejectsThem()
    {
        // Label 2 is out-of-scope; OOS texts look like label 0 or 1 but with a flat top score.
        float[][] scores = [[0.9f, 0.05f, 0.05f], [0.1f, 0.85f, 0.05f], [0.45f, 0.35f, 0.2f], [0.4f, 0.42f, 0.18f]];
        int[] gold = [0, 1, 2, 2];
        var threshold = ThresholdTuner.OutOfScope(scores, gold, oosIndex: 2);
        Assert.InRange(threshold, 0.4501f, 0.85f);
        Assert.Equal(2, DecisionRule.TopLabel(scores[2], 2, threshold));
        Assert.Equal(0, DecisionRule.TopLabel(scores[0], 2, threshold));
    }

    [Fact]
    public void OutOfScope_ThresholdCostsInScopeAccuracy_StaysWithinBudget()
    {
        // 50 in-scope rows with top scores 0.555..0.996 (all right), 10 OOS rows with top scores 0.305..0.755.
        var scores = new List<float[]>();
        var gold = new List<int>();
        for (var i = 0; i < 50; i++)
        {
            var top = 0.555f + (i * 0.009f);
            scores.Add([top, 1 - top, 0f]);
            gold.Add(0);
        }

        for (var i = 0; i < 10; i++)
        {
            var top = 0.305f + (i * 0.05f);
            scores.Add([top, 1 - top, 0f]);
            gold.Add(2);
        }

        // A budget of 2 points (1 of 50 rows) allows rejecting the 0.555 in-scope row, not the 0.564 one.
        var threshold = ThresholdTuner.OutOfScope(scores, gold, oosIndex: 2, inScopeBudget: 0.02);
        Assert.InRange(threshold, 0.555f, 0.565f);
        var generous = ThresholdTuner.OutOfScope(scores, gold, oosIndex: 2, inScopeBudget: 0.5);
        Assert.True(generous > threshold);
    }

    [Fact]
    public void OutOfScope_NoOosInDev_Zero()
    {
        Assert.Equal(0f, ThresholdTuner.OutOfScope([[0.6f, 0.4f]], [0], oosIndex: 1));
    }
}
