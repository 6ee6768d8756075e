using SalesCoach.Inference.Featurization;

namespace SalesCoach.Inference.Training;

/// <summary>
/// Examples featurized once, stored compactly (all ids in one array, CSR offsets) so epochs
/// only do arithmetic. Labels are indices; multi-label rows may hold several. A row's context (the other side's previous
/// turn, or null) adds its features only when the featurizer reads context.
/// </summary>
internal sealed class FeaturizedSet
{
    public FeaturizedSet(TextFeaturizer featurizer, IReadOnlyList<(string Text, string? Context, int[] Labels)> rows)
    {
        var buffer = featurizer.CreateBuffer();
        var ids = new List<int>(rows.Count * 64);
        Offsets = new int[rows.Count + 1];
        Labels = new int[rows.Count][];
        for (var i = 0; i < rows.Count; i++)
        {
            var count = featurizer.Featurize(rows[i].Text, rows[i].Context, buffer);
            for (var j = 0; j < count; j++)
            {
                ids.Add((int)buffer.Ids[j]);
            }

            Offsets[i + 1] = ids.Count;
            Labels[i] = rows[i].Labels;
        }

        Ids = [.. ids];
    }

    public int[] Ids { get; }

    public int[] Offsets { get; }

    public int[][] Labels { get; }

    public int Count => Labels.Length;

    public ReadOnlySpan<int> Features(int row) => Ids.AsSpan(Offsets[row], Offsets[row + 1] - Offsets[row]);
}
