namespace SalesCoach.Inference.Data;

/// <summary>What cleaning removed, by reason.</summary>
public sealed record CleaningReport(int Input, int Kept, int Empty, int Duplicates, int Conflicting, Dictionary<string, int> UnknownLabels);

/// <summary>
/// Cleans labelled data before retraining: blank texts or labels out, whitespace collapsed, exact
/// duplicates (same text ignoring case, same labels) kept once, texts labelled differently by
/// different rows dropped (the data cannot say which is right), and, when a label set is given,
/// rows carrying labels outside it dropped (so a retrained model answers the same question).
/// </summary>
public static class DatasetCleaner
{
    public static (List<LabeledExample> Clean, CleaningReport Report) Clean(
        IReadOnlyList<LabeledExample> rows, IReadOnlyCollection<string>? knownLabels = null)
    {
        var normalized = new List<(string Key, LabeledExample Row)>();
        var empty = 0;
        var unknown = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var text = string.Join(' ', row.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            var labels = row.Labels.Select(l => l.Trim()).Where(l => l.Length > 0).Distinct().Order(StringComparer.Ordinal).ToArray();
            if (text.Length == 0 || labels.Length == 0)
            {
                empty++;
                continue;
            }

            var outside = knownLabels is null ? [] : labels.Where(l => !knownLabels.Contains(l)).ToArray();
            if (outside.Length > 0)
            {
                foreach (var label in outside)
                {
                    unknown[label] = unknown.GetValueOrDefault(label) + 1;
                }

                continue;
            }

            normalized.Add((text.ToLowerInvariant(), new LabeledExample(text, labels)));
        }

        var conflicting = normalized.GroupBy(n => n.Key)
            .Where(g => g.Select(n => string.Join('|', n.Row.Labels)).Distinct().Count() > 1)
            .Select(g => g.Key).ToHashSet();
        var seen = new HashSet<string>();
        var clean = new List<LabeledExample>();
        int duplicates = 0, conflicts = 0;
        foreach (var (key, row) in normalized)
        {
            if (conflicting.Contains(key))
            {
                conflicts++;
            }
            else if (!seen.Add(key))
            {
                duplicates++;
            }
            else
            {
                clean.Add(row);
            }
        }

        return (clean, new CleaningReport(rows.Count, clean.Count, empty, duplicates, conflicts, unknown));
    }
}
