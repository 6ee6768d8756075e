namespace SalesCoach.Api.Coaching;

/// <summary>
/// The <c>type</c> of the conflicts a client acts on (RFC 9457): adapters tell them apart by these URIs, never by the
/// English title. URNs, so nothing invites a client to dereference them.
/// </summary>
public static class ProblemTypes
{
    /// <summary>The tenant requires consent and none is recorded on the interaction.</summary>
    public const string ConsentRequired = "urn:salescoach:problem:consent-required";

    /// <summary>The customer refused (or withdrew) consent on the interaction.</summary>
    public const string ConsentRefused = "urn:salescoach:problem:consent-refused";

    /// <summary>The interaction is completed: it takes no more segments and its consent no longer changes.</summary>
    public const string InteractionCompleted = "urn:salescoach:problem:interaction-completed";
}
