using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Metrics;

namespace SalesCoach.Api.Coaching;

public sealed record CreateInteractionRequest(
    [property: Required, AllowedValues("salesforce", "dynamics", "hubspot")] string Crm,
    [property: Required, StringLength(100, MinimumLength = 1)] string RecordType,
    [property: Required, StringLength(200, MinimumLength = 1)] string RecordId,
    [property: Required, StringLength(200, MinimumLength = 1)] string RepId,
    [property: Required, AllowedValues("en", "es", "fr", "de", "zh")] string Language,
    [property: Required, AllowedValues("call", "meeting", "chat", "email")] string Channel,
    bool? Consent = null);

/// <summary>The customer's answer to "may we record and coach this conversation?": true, or false for a refusal.</summary>
public sealed record ConsentRequest([property: Required] bool? Consent);

public sealed record ConsentResponse(string Id, bool? Consent, DateTimeOffset? ConsentAt);

public sealed record AppendSegmentsRequest(
    [property: Required, MinLength(1), MaxLength(SegmentLimits.MaxSegmentsPerCall)] SegmentRequest[] Segments);

public sealed record SegmentRequest(
    [property: Required, Range(0, SegmentLimits.MaxSeq)] long? Seq,
    [property: Required, AllowedValues("rep", "customer")] string Speaker,
    [property: Required, StringLength(SegmentLimits.MaxTextLength, MinimumLength = 1)] string Text,
    [property: Required, Range(0, SegmentLimits.MaxTimestampMs)] long? StartMs,
    [property: Required, Range(0, SegmentLimits.MaxTimestampMs)] long? EndMs)
{
    public SegmentInput ToInput() => new(Seq!.Value, Speaker, Text, StartMs!.Value, EndMs!.Value);
}

public static class SegmentLimits
{
    public const int MaxSegmentsPerCall = 100;
    public const int MaxTextLength = 4000;
    public const int MaxSeq = 1_000_000_000;

    /// <summary>Twelve hours: no conversation we coach runs longer.</summary>
    public const int MaxTimestampMs = 12 * 60 * 60 * 1000;

    /// <summary>One segment is a turn or a slice of one; ten minutes is far beyond any transcriber's segment.</summary>
    public const int MaxSegmentMs = 10 * 60 * 1000;
}

public sealed record InteractionResponse(
    string Id, string Crm, string RecordType, string RecordId, string RepId, string Language, string Channel,
    string Status, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, ConversationMetrics? Metrics, bool? Consent, DateTimeOffset? ConsentAt,
    bool ConsentRequired);

public sealed record AppendSegmentsResponse(IReadOnlyList<SalesCoach.Coaching.Tips.Tip> Tips, ConversationMetrics Metrics);

internal static class InteractionMapping
{
    /// <param name="consentRequired">The tenant's setting, so an adapter learns from the call it makes anyway whether to ask.</param>
    public static InteractionResponse ToResponse(this Interaction i, ConversationMetrics? metrics, bool consentRequired) =>
        new(i.Id, i.Crm, i.RecordType, i.RecordId, i.RepId, i.Language, i.Channel, i.Status, i.CreatedAt, i.CompletedAt, metrics, i.Consent, i.ConsentAt,
            consentRequired);

    /// <summary>The checks that span fields or segments, which attributes cannot express.</summary>
    public static Dictionary<string, string[]> CheckSequence(SegmentRequest[] segments)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < segments.Length; i++)
        {
            var s = segments[i];
            if (s is null)
            {
                errors[$"segments[{i}]"] = ["A segment is required."];
                continue;
            }

            // The framework validates the request object; each item's attributes are checked here.
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(s, new ValidationContext(s), results, validateAllProperties: true))
            {
                foreach (var result in results)
                {
                    foreach (var member in result.MemberNames.DefaultIfEmpty(""))
                    {
                        errors[$"segments[{i}].{JsonNamingPolicy.CamelCase.ConvertName(member)}"] = [result.ErrorMessage ?? "Invalid value."];
                    }
                }
            }
            else if (s.EndMs < s.StartMs)
            {
                errors[$"segments[{i}].endMs"] = ["endMs must not be before startMs."];
            }
            else if (s.EndMs - s.StartMs > SegmentLimits.MaxSegmentMs)
            {
                errors[$"segments[{i}].endMs"] = [$"A segment may last at most {SegmentLimits.MaxSegmentMs} ms."];
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        // Within one call, later seqs may overlap earlier ones (interruptions) but not start before them.
        var ordered = segments.Where(s => s.Seq is not null).OrderBy(s => s.Seq).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Seq == ordered[i - 1].Seq && ordered[i] != ordered[i - 1])
            {
                errors["segments"] = [$"seq {ordered[i].Seq} appears twice with different content."];
            }
            else if (ordered[i].StartMs < ordered[i - 1].StartMs)
            {
                errors["segments"] = [$"seq {ordered[i].Seq} starts before seq {ordered[i - 1].Seq}: startMs must not decrease as seq increases."];
            }
        }

        return errors;
    }
}
