using SalesCoach.Coaching.Interactions;
using SalesCoach.Inference.Data;

namespace SalesCoach.Coaching.Replay;

/// <summary>
/// Turns a persuasion4good dialogue (the CSV of the shared data folder) into a transcript:
/// persuader = rep, persuadee = customer, one segment per sentence unit, synthetic timing.
/// The persuadee's acts are kept as annotations: resistance (negative-reaction-to-donation,
/// disagree-donation) and buying_signal (positive-reaction-to-donation, agree-donation,
/// ask-donation-procedure), as the data README defines them.
/// </summary>
public static class PersuasionDialogues
{
    public const string Resistance = "resistance";
    public const string BuyingSignal = "buying_signal";

    private static readonly HashSet<string> ResistanceActs = ["negative-reaction-to-donation", "disagree-donation", "disagree-donation-more"];
    private static readonly HashSet<string> BuyingActs = ["positive-reaction-to-donation", "agree-donation", "ask-donation-procedure"];

    public static List<TranscriptTurn> Load(string csvPath, string dialogueId)
    {
        var lines = Read(csvPath).Where(l => l.Dialogue == dialogueId).ToList();
        if (lines.Count == 0)
        {
            throw new InvalidDataException($"Dialogue {dialogueId} is not in {csvPath}.");
        }

        var timed = Timing.Assign(lines.Select(l => (l.Speaker, l.Text)).ToList());
        return timed.Select((t, i) => t with { Annotation = lines[i].Annotation }).ToList();
    }

    /// <summary>
    /// The dialogues, in file order, that carry both kinds of annotation (resistance and buying signal): the
    /// fixed rule by which replay tests pick their real conversations, independent of how a model does on them.
    /// </summary>
    public static List<string> AnnotatedDialogueIds(string csvPath) =>
        [.. Read(csvPath).GroupBy(l => l.Dialogue)
            .Where(g => g.Any(l => l.Annotation == Resistance) && g.Any(l => l.Annotation == BuyingSignal))
            .Select(g => g.Key)];

    private static IEnumerable<(string Dialogue, string Speaker, string Text, string? Annotation)> Read(string csvPath)
    {
        using var reader = new StreamReader(csvPath);
        using var records = CsvParser.ReadRecords(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new InvalidDataException($"{csvPath} is empty.");
        }

        var header = records.Current;
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"{csvPath} has no column {name}.");
        var (id, speaker, text, act, act2) = (Col("dialog_id"), Col("speaker"), Col("text"), Col("persuadee_act"), Col("persuadee_act_2"));
        while (records.MoveNext())
        {
            var row = records.Current;
            if (row.Length <= act2 || string.IsNullOrWhiteSpace(row[text]))
            {
                continue;
            }

            var acts = new[] { row[act], row[act2] };
            var annotation = acts.Any(ResistanceActs.Contains) ? Resistance : acts.Any(BuyingActs.Contains) ? BuyingSignal : null;
            yield return (row[id], row[speaker] == "persuader" ? Speakers.Rep : Speakers.Customer, row[text].Trim(), annotation);
        }
    }
}
