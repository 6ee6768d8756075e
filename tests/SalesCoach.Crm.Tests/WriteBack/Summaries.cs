using SalesCoach.Crm.WriteBack;

namespace SalesCoach.Crm.Tests.WriteBack;

/// <summary>A realistic after-call summary to write back; tests change what they care about with <c>with</c>.</summary>
public static class Summaries
{
    public static InteractionSummary For(string crm, string recordType, string recordId, string language = "en", string interactionId = "int-0001") => new(
        TenantId: "tenant-a",
        InteractionId: interactionId,
        Crm: crm,
        RecordType: recordType,
        RecordId: recordId,
        Language: language,
        StartedAt: new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero),
        Duration: TimeSpan.FromMinutes(32) + TimeSpan.FromSeconds(10),
        Metrics: new SummaryMetrics(0.62, TimeSpan.FromSeconds(95), 7, 148.4),
        Signals: [new SummarySignal("Budget", ["We have budget approved for Q1", "Finance signed off last week"])],
        Objections:
        [
            new SummaryObjection("Price", Handled: true, "It's more than we pay today"),
            new SummaryObjection("Integration", Handled: false, null),
        ],
        NextSteps: ["Send the security questionnaire by Friday"],
        ContentUsed: [new SummaryContent("ROI one-pager", "https://example.com/roi")]);
}
