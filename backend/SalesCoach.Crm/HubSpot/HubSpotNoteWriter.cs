using System.Globalization;
using SalesCoach.Crm.WriteBack;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Crm.HubSpot;

/// <summary>
/// Writes the summary as a note (HTML body) associated with the deal, contact or company. The note's
/// hs_timestamp is the call's start, so a repeat finds it with a search on the record's notes at that
/// timestamp, confirmed by the marker in the body.
/// </summary>
public sealed class HubSpotNoteWriter(HubSpotClient client) : ICrmNoteWriter
{
    // HubSpot documents hs_note_body as limited to 65,536 characters.
    internal const int MaxBody = 65_536;

    public string Crm => CrmKinds.HubSpot;

    /// <summary>
    /// Archives the note: HubSpot's DELETE moves it to the portal's recycling bin. Its reference documents 204 as the one
    /// answer (no 404; API users see 204 for unknown ids too), so a note already gone may come back true; a 404 counts as gone.
    /// </summary>
    public async Task<bool> DeleteAsync(CrmTarget target, string noteId, CancellationToken cancellationToken)
    {
        try
        {
            await client.ArchiveObjectAsync(Connection(target), "notes", noteId, cancellationToken);
            return true;
        }
        catch (CrmException e) when (e.Kind == CrmErrorKind.NotFound)
        {
            return false;
        }
    }

    public async Task<WriteBackResult> WriteAsync(CrmTarget target, InteractionSummary summary, RenderedNote note, CancellationToken cancellationToken)
    {
        var connection = Connection(target);
        var singular = summary.RecordType switch
        {
            "deals" => "deal",
            "contacts" => "contact",
            "companies" => "company",
            _ => throw new CrmException(Crm, CrmErrorKind.Invalid, null, "object_type", $"Notes cannot be attached to '{summary.RecordType}'."),
        };
        var timestamp = summary.StartedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var marker = SummaryNoteRenderer.Marker(summary.InteractionId);
        var body = Fit(note);

        var page = await client.SearchAsync(connection, "notes",
            [new HubSpotFilter($"associations.{singular}", "EQ", summary.RecordId), new HubSpotFilter("hs_timestamp", "EQ", timestamp)],
            ["hs_note_body", "hs_timestamp"], 100, null, cancellationToken);
        var mine = page.Results.FirstOrDefault(n =>
            n.Properties.GetValueOrDefault("hs_note_body")?.Contains(marker, StringComparison.Ordinal) == true);
        if (mine is not null)
        {
            if (mine.Properties.GetValueOrDefault("hs_note_body") == body)
            {
                return new WriteBackResult(WriteBackOutcome.Unchanged, mine.Id);
            }

            await client.UpdateObjectAsync(connection, "notes", mine.Id, new Dictionary<string, string> { ["hs_note_body"] = body }, cancellationToken);
            return new WriteBackResult(WriteBackOutcome.Updated, mine.Id);
        }

        var id = await client.CreateNoteAsync(connection, body, summary.StartedAt, summary.RecordType, summary.RecordId, cancellationToken);
        return new WriteBackResult(WriteBackOutcome.Created, id);
    }

    private HubSpotConnection Connection(CrmTarget target) => new(target.OrgId,
        target.AccessToken ?? throw new CrmException(Crm, CrmErrorKind.SessionExpired, null, "no_token", "No HubSpot token for this portal."));

    /// <summary>The HTML note, or when it is too long, the plain text cut to fit (title and marker first, so a repeat still finds it).</summary>
    internal static string Fit(RenderedNote note)
    {
        if (note.Html.Length <= MaxBody)
        {
            return note.Html;
        }

        var text = note.Title + "\n" + note.PlainText;
        for (var length = text.Length; ; length = length * 9 / 10)
        {
            var html = "<p>" + System.Net.WebUtility.HtmlEncode(text[..length]).Replace("\n", "<br>", StringComparison.Ordinal) + "</p>";
            if (html.Length <= MaxBody)
            {
                return html;
            }
        }
    }
}
