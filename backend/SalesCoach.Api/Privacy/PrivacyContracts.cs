using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using SalesCoach.Storage.Privacy;

namespace SalesCoach.Api.Privacy;

/// <summary>
/// Whose data: the CRM record an interaction was held on (<c>recordId</c>, e.g. the customer's contact, lead or deal id),
/// or a rep (<c>repId</c>, as interactions carry it). Exactly one. In the body, not the path, so it stays out of access logs.
/// </summary>
public sealed record SubjectRequest(string? RecordId, string? RepId);

/// <summary>
/// A subject to erase. <c>includeCrmNotes: true</c> also deletes the summary notes the write-back put into the CRMs for
/// the erased interactions, and the answer reports each one; without it (the default) they are left as they are.
/// </summary>
public sealed record ErasureRequest(string? RecordId, string? RepId, bool IncludeCrmNotes = false);

/// <summary>A subject request that passed validation: which column names the subject, and its id as stored.</summary>
internal sealed record Subject(string Kind, string Id)
{
    public const string Record = "record";
    public const string Rep = "rep";
    private const int MaxIdLength = 200;

    public static Subject? From(SubjectRequest request, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var record = request.RecordId?.Trim();
        var rep = request.RepId?.Trim();
        if (string.IsNullOrEmpty(record) == string.IsNullOrEmpty(rep))
        {
            errors["subject"] = ["Give exactly one of recordId (a CRM record's id, as interactions carry it) and repId."];
            return null;
        }

        var (field, kind, id) = string.IsNullOrEmpty(record) ? ("repId", Rep, rep!) : ("recordId", Record, record);
        if (id.Length > MaxIdLength)
        {
            errors[field] = [$"{field} must be at most {MaxIdLength} characters."];
            return null;
        }

        return new Subject(kind, id);
    }

    /// <summary>The interactions column that names this subject.</summary>
    public string InteractionColumn => Kind == Record ? "record_id" : "rep_id";

    /// <summary>
    /// Rows that name the subject outside its own interactions: engagement events and deal outcomes on the record; a rep's
    /// engagement events, tip votes and reported content use, wherever they were given.
    /// </summary>
    public IReadOnlyList<(string Table, string Column, Action<DeletedRows, long> Count)> OtherRows => Kind == Record
        ?
        [
            ("content_events", "record_id", (d, n) => d.EngagementEvents += n),
            ("deal_outcomes", "record_id", (d, n) => d.DealOutcomes += n),
        ]
        :
        [
            ("content_events", "rep_id", (d, n) => d.EngagementEvents += n),
            ("coaching_tip_feedback", "rep_id", (d, n) => d.TipFeedback += n),
            ("coaching_content_events", "rep_id", (d, n) => d.ContentEvents += n),
        ];
}

public sealed record ErasureResponse(
    string ErasureId, DeletedRows Erased,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ErasedCrmNote>? CrmNotes = null);

public sealed record RetentionRunResponse(int RetentionDays, DateTimeOffset Cutoff, DeletedRows Purged, bool More);

/// <summary>Both fields must be present: <c>retentionDays: null</c> turns retention off, which a forgotten field must not do.</summary>
public sealed record PrivacySettingsRequest(
    [property: JsonRequired] bool ConsentRequired,
    [property: JsonRequired, Range(1, PrivacySettings.MaxRetentionDays)] int? RetentionDays);

public sealed record PrivacySettingsResponse(bool ConsentRequired, int? RetentionDays, bool IsDefault, DateTimeOffset? UpdatedAt)
{
    public static PrivacySettingsResponse From(PrivacySettings s) => new(s.ConsentRequired, s.RetentionDays, s.UpdatedAt is null, s.UpdatedAt);
}
