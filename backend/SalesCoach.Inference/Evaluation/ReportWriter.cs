using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesCoach.Inference.Evaluation;

/// <summary>Evaluation reports as one JSON object (for tools) and as Markdown (for people).</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string ToJson(EvaluationReport report, bool indented = false) =>
        JsonSerializer.Serialize(report, indented ? new JsonSerializerOptions(Json) { WriteIndented = true } : Json);

    public static string ToMarkdown(EvaluationReport report, string title)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(c, $"# {title}").AppendLine();
        md.AppendLine("| metric | value |").AppendLine("|---|---|");
        md.AppendLine(c, $"| examples | {report.Examples} |");
        md.AppendLine(c, $"| accuracy | {report.Accuracy:F4} |");
        md.AppendLine(c, $"| macro-F1 | {report.MacroF1:F4} |");
        if (report.InScopeAccuracy is { } inScope)
        {
            md.AppendLine(c, $"| in-scope accuracy | {inScope:F4} |");
        }

        if (report.OosRecall is { } oos)
        {
            md.AppendLine(c, $"| out-of-scope recall | {oos:F4} |");
        }

        if (report.LatencyMicroseconds is { } latency)
        {
            md.AppendLine(c, $"| latency per utterance (featurize + score, batch 1) | {latency:F1} us |");
        }

        md.AppendLine().AppendLine("## Per label").AppendLine();
        md.AppendLine("| label | precision | recall | F1 | support |").AppendLine("|---|---|---|---|---|");
        foreach (var (label, m) in report.PerLabel.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            md.AppendLine(c, $"| {label} | {m.Precision:F3} | {m.Recall:F3} | {m.F1:F3} | {m.Support} |");
        }

        md.AppendLine().AppendLine("## Top confusions (gold -> predicted)").AppendLine();
        foreach (var pair in report.TopConfusions)
        {
            md.AppendLine(c, $"- {pair.Gold} -> {pair.Predicted}: {pair.Count}");
        }

        return md.ToString();
    }
}
