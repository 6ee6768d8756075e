using System.Text.RegularExpressions;
using SalesCoach.Inference.Data;

namespace SalesCoach.Inference.Registry;

/// <summary>What cleaning did to a training file, row counts at each step.</summary>
public sealed record DataCleaningReport(int Input, int Kept, int EmptyText, int TooLong, int Duplicates, int Conflicting);

/// <summary>
/// Validation and clean-up before retraining: whitespace normalised, empty and over-long texts
/// dropped, exact duplicates (same text, same labels) kept once, and, for one-label-per-text data,
/// texts that appear with different labels dropped altogether (nothing can learn both answers).
/// </summary>
public static partial class TrainingDataCleaner
{
    public const int MaxTextLength = 5000;

    public static (List<LabeledExample> Examples, DataCleaningReport Report) Clean(IReadOnlyList<LabeledExample> examples, bool multiLabel)
    {
        var empty = 0;
        var tooLong = 0;
        var unique = new Dictionary<(string Text, string Labels), LabeledExample>();
        foreach (var example in examples)
        {
            var text = Whitespace().Replace(example.Text ?? "", " ").Trim();
            var labels = example.Labels.Select(l => l.Trim()).Where(l => l.Length > 0).Distinct().Order(StringComparer.Ordinal).ToArray();
            if (text.Length == 0 || labels.Length == 0)
            {
                empty++;
            }
            else if (text.Length > MaxTextLength)
            {
                tooLong++;
            }
            else
            {
                unique.TryAdd((text, string.Join('|', labels)), new LabeledExample(text, labels));
            }
        }

        var duplicates = examples.Count - empty - tooLong - unique.Count;
        var kept = unique.Values.ToList();
        var conflicting = 0;
        if (!multiLabel)
        {
            var contested = kept.GroupBy(e => e.Text, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            conflicting = kept.RemoveAll(e => contested.Contains(e.Text));
        }

        return (kept, new DataCleaningReport(examples.Count, kept.Count, empty, tooLong, duplicates, conflicting));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
