using SalesCoach.Inference.Data;
using SalesCoach.TestSupport;

namespace SalesCoach.Coaching.Tests.Signals;

/// <summary>
/// The hand labels of persuasion4good's train split (Corpus/persuasion4good/train-labels.tsv): well formed,
/// covering exactly the persuadee units of the train CSV with their texts, and never naming a test dialogue.
/// </summary>
public sealed class PersuasionLabelsTests
{
    private static readonly string LabelFile = Path.Combine(CorpusFiles.Directory, "persuasion4good", "train-labels.tsv");

    private static List<(string Key, string[] Labels, string Text)> Rows() =>
        [.. File.ReadLines(LabelFile).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t') switch
        {
            [var key, var labels, var text] => (key, labels == "none" ? [] : labels.Split(','), text),
            _ => throw new InvalidDataException($"not three tab-separated fields: {l}"),
        })];

    [Fact]
    public void Rows_HaveUniqueKeysAndKnownLabels()
    {
        var rows = Rows();

        Assert.True(rows.Count >= 3000, $"only {rows.Count} rows");
        Assert.Equal(rows.Count, rows.Select(r => r.Key).Distinct().Count());
        Assert.All(rows, r => Assert.All(r.Labels, l => Assert.Contains(l, CorpusFiles.Labels)));
        Assert.All(rows, r => Assert.Equal(r.Labels.Distinct().Count(), r.Labels.Length));
    }

    [Fact]
    public void Rows_MatchTheTrainCsvAndNameNoTestDialogue()
    {
        var units = PersuadeeUnits(SharedData.Path("persuasion4good", "train.csv")).ToList();
        var testDialogues = PersuadeeUnits(SharedData.Path("persuasion4good", "test.csv")).Select(u => u.Key.Split('|')[0]).ToHashSet();
        var rows = Rows();

        Assert.Equal(units, rows.Select(r => (r.Key, r.Text)));
        Assert.DoesNotContain(rows, r => testDialogues.Contains(r.Key.Split('|')[0]));
    }

    /// <summary>The same keys as prepare.py: dialog_id|turn|k, k counting the persuadee's non-empty units of that turn.</summary>
    private static IEnumerable<(string Key, string Text)> PersuadeeUnits(string csvPath)
    {
        using var reader = new StreamReader(csvPath);
        var records = CsvParser.ReadRecords(reader);
        string[]? header = null;
        var seen = new Dictionary<(string, string), int>();
        foreach (var row in records)
        {
            if (header is null)
            {
                header = row;
                continue;
            }

            var (dialogue, speaker, turn, text) = (row[Array.IndexOf(header, "dialog_id")], row[Array.IndexOf(header, "speaker")],
                row[Array.IndexOf(header, "turn")], row[Array.IndexOf(header, "text")].Trim());
            if (speaker != "persuadee" || text.Length == 0)
            {
                continue;
            }

            var k = seen.GetValueOrDefault((dialogue, turn));
            seen[(dialogue, turn)] = k + 1;
            yield return ($"{dialogue}|{turn}|{k}", text);
        }
    }
}
