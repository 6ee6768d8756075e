namespace SalesCoach.Inference.Training;

/// <summary>Picks decision thresholds on the dev set (never on test data).</summary>
public static class ThresholdTuner
{
    public const float DefaultThreshold = 0.5f;

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
    /// The top-score threshold under which a prediction becomes out-of-scope, chosen to maximise
    /// the mean of in-scope accuracy and out-of-scope recall on dev; 0 when dev lacks either kind.
    /// </summary>
    public static float OutOfScope(IReadOnlyList<float[]> scores, IReadOnlyList<int> gold, int oosIndex)
    {
        var oosCount = gold.Count(g => g == oosIndex);
        var inScopeCount = gold.Count - oosCount;
        if (oosIndex < 0 || oosCount == 0 || inScopeCount == 0)
        {
            return 0f;
        }

        var best = (Score: -1.0, Threshold: 0f);
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

            var balance = ((double)inScopeRight / inScopeCount + (double)oosRight / oosCount) / 2;
            if (balance > best.Score)
            {
                best = (balance, t);
            }
        }

        return best.Threshold;
    }
}
