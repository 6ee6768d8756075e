using System.Text.Json.Serialization;

namespace SalesCoach.Api.Privacy;

/// <summary>Rows deleted by an erasure or a purge, per kind: counts only, never what the rows held.</summary>
public sealed class DeletedRows
{
    public long Interactions { get; set; }

    public long Segments { get; set; }

    public long Tips { get; set; }

    public long Events { get; set; }

    public long Summaries { get; set; }

    public long ContentEvents { get; set; }

    public long TipFeedback { get; set; }

    public long WriteBacks { get; set; }

    public long EngagementEvents { get; set; }

    public long DealOutcomes { get; set; }

    [JsonIgnore]
    public long Total =>
        Interactions + Segments + Tips + Events + Summaries + ContentEvents + TipFeedback + WriteBacks + EngagementEvents + DealOutcomes;

    /// <summary>The audit detail: counts, which say how much went without saying whose.</summary>
    public string ToAuditDetail() =>
        $"interactions={Interactions} segments={Segments} tips={Tips} events={Events} summaries={Summaries} contentEvents={ContentEvents} " +
        $"tipFeedback={TipFeedback} writeBacks={WriteBacks} engagementEvents={EngagementEvents} dealOutcomes={DealOutcomes}";
}
