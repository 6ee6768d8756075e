using System.Text.Json;
using SalesCoach.Coaching.Interactions;

namespace SalesCoach.Coaching.Replay;

/// <summary>
/// One line of a transcript to replay. <see cref="Annotation"/> carries what a dataset says
/// about the line (persuasion4good: resistance / buying_signal), for tests and printing only.
/// </summary>
public sealed record TranscriptTurn(long Seq, string Speaker, string Text, long StartMs, long EndMs, string? Annotation = null)
{
    public SegmentInput ToSegment() => new(Seq, Speaker, Text, StartMs, EndMs);
}

/// <summary>
/// Reads a JSONL transcript: one object per line with <c>speaker</c> (rep|customer) and <c>text</c>;
/// <c>seq</c>, <c>startMs</c> and <c>endMs</c> are optional and filled in by <see cref="Timing"/> when missing.
/// </summary>
public static class JsonlTranscript
{
    public static List<TranscriptTurn> Read(string path)
    {
        var turns = new List<(long? Seq, string Speaker, string Text, long? Start, long? End)>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var speaker = root.TryGetProperty("speaker", out var s) ? s.GetString() : null;
            var text = root.TryGetProperty("text", out var t) ? t.GetString() : null;
            if (!Speakers.IsValid(speaker) || string.IsNullOrWhiteSpace(text))
            {
                throw new InvalidDataException($"{path}:{lineNumber}: each line needs \"speaker\" (rep or customer) and \"text\".");
            }

            turns.Add((Long(root, "seq"), speaker!, text!, Long(root, "startMs"), Long(root, "endMs")));
        }

        var timed = Timing.Assign(turns.Select(x => (x.Speaker, x.Text)).ToList());
        return turns.Select((x, i) => new TranscriptTurn(x.Seq ?? timed[i].Seq, x.Speaker, x.Text, x.Start ?? timed[i].StartMs, x.End ?? timed[i].EndMs)).ToList();
    }

    private static long? Long(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;
}

/// <summary>Synthetic timing for transcripts without it: 150 words a minute, 700 ms between speakers, 200 ms within a turn.</summary>
public static class Timing
{
    public static List<TranscriptTurn> Assign(IReadOnlyList<(string Speaker, string Text)> lines)
    {
        var result = new List<TranscriptTurn>(lines.Count);
        var clock = 0L;
        string? previous = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var (speaker, text) = lines[i];
            clock += previous is null ? 0 : previous == speaker ? 200 : 700;
            var duration = Math.Max(800, Metrics.Words.Count(text) * 400L);
            result.Add(new TranscriptTurn(i + 1, speaker, text, clock, clock + duration));
            clock += duration;
            previous = speaker;
        }

        return result;
    }
}
