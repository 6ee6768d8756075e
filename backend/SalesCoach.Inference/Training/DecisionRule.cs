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

    /// <summary>
    /// Multi-label: every label at or over its threshold (none means "no signal"); a label other
    /// than the top-scoring one must also reach <paramref name="secondary"/>.
    /// </summary>
    public static int[] LabelsOver(ReadOnlySpan<float> scores, ReadOnlySpan<float> thresholds, float secondary = 0f)
    {
        var top = TopLabel(scores, -1, 0f);
        var count = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            count += IsOn(scores, thresholds, secondary, top, i) ? 1 : 0;
        }

        var result = new int[count];
        for (int i = 0, k = 0; i < scores.Length; i++)
        {
            if (IsOn(scores, thresholds, secondary, top, i))
            {
                result[k++] = i;
            }
        }

        return result;
    }

    /// <summary>The multi-label rule for one label, given the index of the top-scoring label.</summary>
    public static bool IsOn(ReadOnlySpan<float> scores, ReadOnlySpan<float> thresholds, float secondary, int top, int label) =>
        scores[label] >= thresholds[label] && (label == top || scores[label] >= secondary);

    public static int[] Decide(ReadOnlySpan<float> scores, ModelMetadata metadata) => metadata.MultiLabel
        ? LabelsOver(scores, metadata.Thresholds, metadata.SecondaryThreshold)
        : [TopLabel(scores, metadata.OosIndex, metadata.OosThreshold)];
}
