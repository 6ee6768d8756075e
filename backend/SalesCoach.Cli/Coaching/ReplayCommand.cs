using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SalesCoach.Coaching.Replay;

namespace SalesCoach.Cli.Coaching;

/// <summary>
/// <c>replay</c>: plays a transcript (JSONL, or a persuasion4good dialogue) into a running backend at
/// real or accelerated speed and prints the tips as the event stream delivers them, then the summary.
/// </summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo?>("--file") { Description = "JSONL transcript: {speaker, text[, seq, startMs, endMs]} per line" };
        var dialogue = new Option<string?>("--persuasion4good") { Description = "A persuasion4good dialogue id (persuader = rep, persuadee = customer)" };
        var dataset = new Option<FileInfo>("--persuasion4good-file")
        {
            Description = "The persuasion4good CSV (default: the shared test split)",
            DefaultValueFactory = _ => new FileInfo(Path.Combine("..", "shared", "data", "persuasion4good", "test.csv")),
        };
        var baseUrl = new Option<string>("--base-url") { Description = "Backend URL", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var apiKey = new Option<string>("--api-key") { Description = "Tenant API key", Required = true };
        var speed = new Option<double>("--speed") { Description = "Playback speed (1 = real time)", DefaultValueFactory = _ => 1 };
        var language = new Option<string>("--language") { Description = "Interaction language", DefaultValueFactory = _ => "en" };
        var command = new Command("replay", "Replay a transcript against a running backend, printing tips as they stream")
        {
            file, dialogue, dataset, baseUrl, apiKey, speed, language,
        };
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(parse, async (output, _) =>
        {
            var turns = (parse.GetValue(file), parse.GetValue(dialogue)) switch
            {
                ({ } f, null) => JsonlTranscript.Read(f.FullName),
                (null, { } d) => PersuasionDialogues.Load(parse.GetValue(dataset)!.FullName, d),
                _ => throw new ArgumentException("Give exactly one of --file or --persuasion4good."),
            };
            var pace = parse.GetValue(speed);
            if (pace is <= 0 or > 1000)
            {
                throw new ArgumentException("--speed must be above 0 and at most 1000.");
            }

            var bySeq = turns.ToDictionary(t => t.Seq);
            using var http = ReplayClient.CreateHttp(
                Uri.TryCreate(parse.GetValue(baseUrl), UriKind.Absolute, out var url) ? url : throw new ArgumentException("--base-url must be an absolute URL."),
                parse.GetValue(apiKey)!);
            output.WriteLine($"replaying {turns.Count} segments at {pace.ToString(CultureInfo.InvariantCulture)}x");
            var summary = await new ReplayClient(http).RunAsync(turns, parse.GetValue(language)!, pace, e =>
            {
                if (e.EventType != "tip")
                {
                    return;
                }

                var tip = JsonDocument.Parse(e.Data).RootElement;
                var seq = tip.GetProperty("segmentSeq").GetInt64();
                var turn = bySeq.GetValueOrDefault(seq);
                output.WriteLine($"[{tip.GetProperty("severity").GetString()}] {tip.GetProperty("kind").GetString()} on #{seq} " +
                    $"({turn?.Speaker}: \"{turn?.Text}\"){(turn?.Annotation is { } a ? $" [annotated {a}]" : "")}");
                output.WriteLine($"    {tip.GetProperty("title").GetString()}: {tip.GetProperty("message").GetString()}");
            }, cancellationToken);
            output.WriteLine();
            output.WriteLine(summary.GetProperty("summary").GetString());
            output.WriteLine(JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }));
        }));
        return command;
    }
}
