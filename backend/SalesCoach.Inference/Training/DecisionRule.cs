namespace SalesCoach.Inference.Training;

/// <summary>Turns scores into labels the way the model's metadata says (thresholds, out-of-scope).</summary>
public static class DecisionRule
{
    /// <summary>Multi-class: the top label, or the out-of-scope label when the top score is too low.</summary>
    public static int TopLabel(ReadOnlySpan<float> scores, int oosIndex, float oosThreshold)
    {
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            best = scores[i] > scores[best] ? i : best;
        }

        return oosIndex >= 0 && scores[best] < oosThreshold ? oosIndex : best;
    }

    /// <summary>Multi-label: every label at or over its threshold (none means "no signal").</summary>
    public static int[] LabelsOver(ReadOnlySpan<float> scores, ReadOnlySpan<float> thresholds)
    {
        var count = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            count += scores[i] >= thresholds[i] ? 1 : 0;
        }

        var result = new int[count];
        for (int i = 0, k = 0; i < scores.Length; i++)
        {
            if (scores[i] >= thresholds[i])
            {
                result[k++] = i;
            }
        }

        return result;
    }

    public static int[] Decide(ReadOnlySpan<float> scores, ModelMetadata metadata) => metadata.MultiLabel
        ? LabelsOver(scores, metadata.Thresholds)
        : [TopLabel(scores, metadata.OosIndex, metadata.OosThreshold)];
}
