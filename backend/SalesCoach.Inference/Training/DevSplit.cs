namespace SalesCoach.Inference.Training;

/// <summary>Carves a stratified dev set out of the training rows, reproducibly from the seed.</summary>
internal static class DevSplit
{
    /// <summary>Returns (train, dev) row indices; each first label keeps its share in dev.</summary>
    public static (List<int> Train, List<int> Dev) Stratified(IReadOnlyList<int[]> labels, double fraction, int seed)
    {
        var random = new Random(seed);
        var train = new List<int>();
        var dev = new List<int>();
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i][0]).OrderBy(g => g.Key))
        {
            var rows = group.ToArray();
            random.Shuffle(rows);
            // A label seen once stays in train: the model must learn it at all.
            var devCount = rows.Length < 2 ? 0 : (int)Math.Round(rows.Length * fraction);
            dev.AddRange(rows[..devCount]);
            train.AddRange(rows[devCount..]);
        }

        train.Sort();
        dev.Sort();
        return (train, dev);
    }
}
