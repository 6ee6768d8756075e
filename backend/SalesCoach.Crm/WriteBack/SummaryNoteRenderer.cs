using System.Globalization;
using System.Net;
using System.Text;

namespace SalesCoach.Crm.WriteBack;

/// <summary>A note as each CRM shows it best: plain text (Salesforce Task, Dataverse annotation) or simple HTML (HubSpot).</summary>
public sealed record RenderedNote(string Title, string PlainText, string Html);

/// <summary>
/// Turns a summary into one human-readable note in the summary's language. The title carries the marker
/// <c>[SalesCoach &lt;interaction id&gt;]</c> so a later write-back of the same interaction finds its own note.
/// </summary>
public static class SummaryNoteRenderer
{
    public static string Marker(string interactionId) => $"[SalesCoach {interactionId}]";

    public static RenderedNote Render(InteractionSummary summary)
    {
        var t = NoteTexts.For(summary.Language);
        var culture = CultureFor(summary.Language);
        var title = $"{t.Title} {summary.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC {Marker(summary.InteractionId)}";
        var sections = Sections(summary, t, culture);

        var text = new StringBuilder();
        var html = new StringBuilder();
        html.Append("<p><strong>").Append(Encode(title)).Append("</strong></p>");
        foreach (var (heading, lines) in sections)
        {
            text.Append(heading).Append('\n');
            html.Append("<p><strong>").Append(Encode(heading)).Append("</strong></p><ul>");
            foreach (var line in lines)
            {
                text.Append("- ").Append(line).Append('\n');
                html.Append("<li>").Append(Encode(line)).Append("</li>");
            }

            text.Append('\n');
            html.Append("</ul>");
        }

        return new RenderedNote(title, text.ToString().TrimEnd() + "\n", html.ToString());
    }

    private static List<(string Heading, List<string> Lines)> Sections(InteractionSummary s, NoteTexts t, CultureInfo culture)
    {
        var m = s.Metrics;
        var sections = new List<(string, List<string>)>
        {
            (t.Metrics,
            [
                $"{t.Duration}{t.Colon}{Minutes(s.Duration)}",
                $"{t.TalkShare}{t.Colon}{m.RepTalkShare.ToString("P0", culture)}",
                $"{t.LongestMonologue}{t.Colon}{Minutes(m.LongestMonologue)}",
                $"{t.Questions}{t.Colon}{m.QuestionsAsked.ToString(culture)}",
                $"{t.WordsPerMinute}{t.Colon}{m.WordsPerMinute.ToString("0", culture)}",
            ]),
        };
        if (s.Signals.Count > 0)
        {
            sections.Add((t.Signals, s.Signals.Select(g => g.Utterances.Count == 0 ? g.Label
                : $"{g.Label}{t.Colon}{string.Join(" / ", g.Utterances.Select(u => Quoted(u, t)))}").ToList()));
        }

        if (s.Objections.Count > 0)
        {
            sections.Add((t.Objections, s.Objections.Select(o =>
                $"{o.Topic} ({(o.Handled ? t.Handled : t.NotHandled)}){(o.Utterance is null ? "" : t.Colon + Quoted(o.Utterance, t))}").ToList()));
        }

        sections.Add((t.NextSteps, s.NextSteps.Count > 0 ? [.. s.NextSteps] : [t.NoNextStep]));
        if (s.ContentUsed.Count > 0)
        {
            sections.Add((t.ContentUsed, s.ContentUsed.Select(c => c.Url is null ? c.Title : $"{c.Title} ({c.Url})").ToList()));
        }

        return sections;
    }

    private static string Quoted(string utterance, NoteTexts t) => t.OpenQuote + utterance + t.CloseQuote;

    private static string Minutes(TimeSpan span) => span.ToString(span.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);

    private static string Encode(string value) => WebUtility.HtmlEncode(value);

    private static CultureInfo CultureFor(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
