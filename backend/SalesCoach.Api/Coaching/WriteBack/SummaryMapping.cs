using System.Globalization;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Summaries;
using SalesCoach.Storage.Signals;
using SalesCoach.Storage.Tenants;
using CoachingSummary = SalesCoach.Coaching.Summaries.InteractionSummary;
using CrmSummary = SalesCoach.Crm.WriteBack.InteractionSummary;
using SalesCoach.Crm.WriteBack;

namespace SalesCoach.Api.Coaching.WriteBack;

/// <summary>
/// The stored coaching summary as the CRM-neutral summary the write-back renders into a note. Signal and objection
/// names are written in the interaction's language from their codes, so summaries stored before the names existed read the same.
/// </summary>
public static class SummaryMapping
{
    /// <summary>The rep id an adapter session gives a Salesforce rep (see CanvasApi): <c>salesforce:&lt;user id&gt;</c>.</summary>
    public const string SalesforceRepPrefix = "salesforce:";

    /// <param name="content">Title and link of each content item the summary names, by id (from the tenant's library); an id
    /// not in it (an item deleted since) is written as the id.</param>
    public static CrmSummary ToCrm(Interaction interaction, CoachingSummary summary, IReadOnlyDictionary<string, SummaryContent>? content = null)
    {
        var m = summary.Metrics;
        var texts = SummaryTexts.For(interaction.Language);
        var signals = summary.Signals
            .Where(s => !SignalLabels.IsObjection(s.Label) && s.Label != SignalLabels.NextStep)
            .Select(s => new SummarySignal(texts.SignalName(s.Label), s.Utterances.Select(u => u.Text).ToList()))
            .ToList();
        var objections = summary.Objections
            .Select(o => new SummaryObjection(Capitalized(texts.ObjectionTopic(o.Label)), o.Handled, o.Text))
            .ToList();
        return new CrmSummary(
            interaction.TenantId,
            interaction.Id,
            interaction.Crm,
            interaction.RecordType,
            interaction.RecordId,
            interaction.Language,
            interaction.CreatedAt,
            TimeSpan.FromMilliseconds(m.DurationMs),
            new SummaryMetrics(m.TalkShare.Rep, TimeSpan.FromMilliseconds(m.LongestMonologue.Ms), m.Questions.Rep, m.WordsPerMinute.Rep),
            signals,
            objections,
            summary.NextSteps.Select(u => u.Text).ToList(),
            summary.ContentUsed.Select(id => content?.GetValueOrDefault(id) ?? new SummaryContent(id, null)).ToList(),
            CrmUserId(interaction));
    }

    /// <summary>
    /// The rep's CRM user id, whose stored token a Salesforce write-back uses: the id behind <c>salesforce:</c> for reps
    /// who came through the canvas app, else the rep id as the integration sent it (which is then the Salesforce user id).
    /// </summary>
    public static string? CrmUserId(Interaction interaction) => CrmUserId(interaction.Crm, interaction.RepId);

    /// <inheritdoc cref="CrmUserId(Interaction)"/>
    public static string? CrmUserId(string crm, string repId) => crm switch
    {
        CrmKinds.Salesforce when repId.StartsWith(SalesforceRepPrefix, StringComparison.Ordinal) => repId[SalesforceRepPrefix.Length..],
        CrmKinds.Salesforce => repId,
        _ => null,
    };

    // A note line starts with the topic ("Prix (traitée) : ..."); scripts without case are left as they are.
    private static string Capitalized(string topic) =>
        topic.Length == 0 ? topic : string.Concat(topic[..1].ToUpper(CultureInfo.InvariantCulture), topic[1..]);
}
