namespace SalesCoach.Inference.Training;

/// <summary>Picks decision thresholds on the dev set (never on test data).</summary>
public static class ThresholdTuner
{
    public const float DefaultThreshold = 0.5f;

    /// <summary>In-scope accuracy (absolute) the out-of-scope threshold may cost on dev.</summary>
    public const double DefaultInScopeBudget = 0.02;

    /// <summary>Per label, the threshold with the best dev F1; 0.5 for a label absent from dev.</summary>
    public static float[] PerLabel(IReadOnlyList<float[]> scores, IReadOnlyList<int[]> gold, int labelCount)
    {
        var thresholds = new float[labelCount];
        for (var label = 0; label < labelCount; label++)
        {
            var positives = gold.Count(g => g.Contains(label));
            thresholds[label] = DefaultThreshold;
            if (positives == 0)
            {
                continue;
            }

            var bestF1 = -1.0;
            for (var step = 1; step <= 38; step++)
            {
                var t = step * 0.025f;
                int tp = 0, fp = 0;
                for (var i = 0; i < scores.Count; i++)
                {
                    if (scores[i][label] >= t)
                    {
                        _ = gold[i].Contains(label) ? tp++ : fp++;
                    }
                }

                var f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + (positives - tp));
                if (f1 > bestF1)
                {
                    (bestF1, thresholds[label]) = (f1, t);
                }
            }
        }

        return thresholds;
    }

    /// <summary>
    /// The secondary threshold (see <see cref="ModelMetadata.SecondaryThreshold"/>) with the best dev
    /// macro-F1 given the per-label thresholds, from 0 (off) to 0.9 in steps of 0.1; ties keep the lower.
    /// </summary>
    public static float Secondary(IReadOnlyList<float[]> scores, IReadOnlyList<int[]> gold, float[] thresholds, string[] labels)
    {
        var (best, bestF1) = (0f, double.NegativeInfinity);
        for (var step = 0; step <= 9; step++)
        {
            var secondary = step / 10f;
            var predicted = scores.Select(s => DecisionRule.LabelsOver(s, thresholds, secondary)).ToList();
            var f1 = Evaluation.MetricsCalculator.Compute(gold, predicted, labels, -1).MacroF1;
            if (f1 > bestF1 + 1e-9)
            {
                (best, bestF1) = (secondary, f1);
            }
        }

        return best;
    }

    /// <summary>
    /// The top-score threshold under which a prediction becomes out-of-scope: the one with the
    /// best out-of-scope recall on dev among those that cost at most <paramref name="inScopeBudget"/>
    /// of in-scope accuracy (against no threshold at all). A coach that misses real signals is
    /// worse than one that sometimes speaks on noise, so in-scope accuracy is protected first.
    /// 0 when dev lacks either kind of example.
    /// </summary>
    public static float OutOfScope(IReadOnlyList<float[]> scores, IReadOnlyList<int> gold, int oosIndex, double inScopeBudget = DefaultInScopeBudget)
    {
        var oosCount = gold.Count(g => g == oosIndex);
        if (oosIndex < 0 || oosCount == 0 || oosCount == gold.Count)
        {
            return 0f;
        }

        var curve = OutOfScopeCurve(scores, gold, oosIndex).ToList();
        var floor = curve[0].InScopeAccuracy - inScopeBudget;
        var best = curve[0];
        foreach (var point in curve)
        {
            if (point.InScopeAccuracy >= floor - 1e-9 && point.OosRecall > best.OosRecall)
            {
                best = point;
            }
        }

        return best.Threshold;
    }

    /// <summary>In-scope accuracy and out-of-scope recall on dev for thresholds 0, 0.01 ... 0.99.</summary>
    public static IEnumerable<(float Threshold, double InScopeAccuracy, double OosRecall)> OutOfScopeCurve(
        IReadOnlyList<float[]> scores, IReadOnlyList<int> gold, int oosIndex)
    {
        var oosCount = gold.Count(g => g == oosIndex);
        var inScopeCount = gold.Count - oosCount;
        for (var step = 0; step < 100; step++)
        {
            var t = step * 0.01f;
            int inScopeRight = 0, oosRight = 0;
            for (var i = 0; i < scores.Count; i++)
            {
                var predicted = DecisionRule.TopLabel(scores[i], oosIndex, t);
                if (gold[i] == oosIndex)
                {
                    oosRight += predicted == oosIndex ? 1 : 0;
                }
                else
                {
                    inScopeRight += predicted == gold[i] ? 1 : 0;
                }
            }

            yield return (t, (double)inScopeRight / Math.Max(1, inScopeCount), (double)oosRight / Math.Max(1, oosCount));
        }
    }
}
