namespace SalesCoach.Inference.Evaluation;

/// <summary>Accuracy, per-label precision/recall/F1, macro-F1, confusions and out-of-scope figures.</summary>
public static class MetricsCalculator
{
    public const int ConfusionPairsReported = 10;

    public static EvaluationReport Compute(
        IReadOnlyList<int[]> gold, IReadOnlyList<int[]> predicted, IReadOnlyList<string> labels, int oosIndex = -1)
    {
        if (gold.Count != predicted.Count)
        {
            throw new ArgumentException("Gold and predicted counts differ.");
        }

        var tp = new int[labels.Count];
        var fp = new int[labels.Count];
        var support = new int[labels.Count];
        var confusions = new Dictionary<(int Gold, int Predicted), int>();
        int exact = 0, oosTotal = 0, oosRight = 0, inScopeTotal = 0, inScopeRight = 0;
        for (var i = 0; i < gold.Count; i++)
        {
            var g = gold[i];
            var p = predicted[i];
            var same = g.Length == p.Length && g.All(p.Contains);
            exact += same ? 1 : 0;
            foreach (var label in g)
            {
                support[label]++;
            }

            foreach (var label in p)
            {
                _ = g.Contains(label) ? tp[label]++ : fp[label]++;
            }

            if (g.Length == 1 && p.Length == 1 && g[0] != p[0])
            {
                confusions[(g[0], p[0])] = confusions.GetValueOrDefault((g[0], p[0])) + 1;
            }

            if (oosIndex >= 0 && g.Contains(oosIndex))
            {
                oosTotal++;
                oosRight += p.Contains(oosIndex) ? 1 : 0;
            }
            else if (oosIndex >= 0)
            {
                inScopeTotal++;
                inScopeRight += same ? 1 : 0;
            }
        }

        var perLabel = new Dictionary<string, LabelMetrics>();
        for (var l = 0; l < labels.Count; l++)
        {
            if (support[l] == 0 && tp[l] + fp[l] == 0)
            {
                continue;
            }

            var precision = tp[l] + fp[l] == 0 ? 0 : (double)tp[l] / (tp[l] + fp[l]);
            var recall = support[l] == 0 ? 0 : (double)tp[l] / support[l];
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perLabel[labels[l]] = new LabelMetrics(precision, recall, f1, support[l]);
        }

        return new EvaluationReport
        {
            Accuracy = gold.Count == 0 ? 0 : (double)exact / gold.Count,
            MacroF1 = perLabel.Count == 0 ? 0 : perLabel.Values.Average(m => m.F1),
            PerLabel = perLabel,
            OosRecall = oosIndex >= 0 && oosTotal > 0 ? (double)oosRight / oosTotal : null,
            InScopeAccuracy = oosIndex >= 0 && inScopeTotal > 0 ? (double)inScopeRight / inScopeTotal : null,
            TopConfusions = [.. confusions
                .OrderByDescending(c => c.Value).ThenBy(c => c.Key.Gold).ThenBy(c => c.Key.Predicted)
                .Take(ConfusionPairsReported)
                .Select(c => new ConfusionPair(labels[c.Key.Gold], labels[c.Key.Predicted], c.Value))],
            Examples = gold.Count,
        };
    }
}
