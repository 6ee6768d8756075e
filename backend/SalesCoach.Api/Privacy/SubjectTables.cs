namespace SalesCoach.Api.Privacy;

/// <summary>
/// Every table of the store, by whether it holds data about a data subject (a customer's CRM record, a rep). Export,
/// erasure and retention cover the first list; the second says why a table is left alone. A test checks that every table
/// the host creates is in exactly one list, so a new table cannot hold subject data unnoticed.
/// </summary>
public static class SubjectTables
{
    /// <summary>Rows of one interaction, deleted with it, with the count each adds to.</summary>
    internal static readonly (string Table, Action<DeletedRows, long> Count)[] PerInteraction =
    [
        ("coaching_segments", (d, n) => d.Segments += n),
        ("coaching_tips", (d, n) => d.Tips += n),
        ("coaching_events", (d, n) => d.Events += n),
        ("coaching_summaries", (d, n) => d.Summaries += n),
        ("coaching_content_events", (d, n) => d.ContentEvents += n),
        ("coaching_tip_feedback", (d, n) => d.TipFeedback += n),
        ("coaching_writebacks", (d, n) => d.WriteBacks += n),
        ("content_events", (d, n) => d.EngagementEvents += n),
    ];

    /// <summary>Tables with subject data: the interactions, the rows above, and deal outcomes (keyed by the CRM record).</summary>
    public static IReadOnlyList<string> SubjectData { get; } =
        ["coaching_interactions", .. PerInteraction.Select(t => t.Table), "deal_outcomes"];

    /// <summary>Tables that hold nothing about a subject, and why.</summary>
    public static IReadOnlyDictionary<string, string> NoSubjectData { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["schema_migrations"] = "schema versions",
        ["tenants"] = "the customer company",
        ["api_keys"] = "key hashes of the company's integrations",
        ["crm_connections"] = "which CRM org belongs to the tenant",
        ["audit_log"] = "admin actions; erasures and purges record counts only",
        ["crm_tokens"] = "sealed CRM credentials, never exported; removed when the CRM is disconnected or the token is replaced",
        ["privacy_settings"] = "the tenant's own settings",
        ["coaching_playbooks"] = "the tenant's coaching rules",
        ["content_items"] = "the tenant's content library",
        ["content_versions"] = "the tenant's content library",
        ["content_revisions"] = "the library's change counter",
        ["content_search"] = "the library's search index (PostgreSQL)",
        ["content_fts"] = "the library's search index (SQLite, with its content_fts_* tables)",
        ["content_stats"] = "per-item engagement totals, with no rep, record or interaction",
        ["model_versions"] = "model registry",
        ["model_files"] = "model registry",
        ["model_activations"] = "model registry",
    };
}
