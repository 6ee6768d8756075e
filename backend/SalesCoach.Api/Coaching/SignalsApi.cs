using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesCoach.Api.Auth;
using SalesCoach.Coaching.Playbooks;
using SalesCoach.Coaching.Signals;

namespace SalesCoach.Api.Coaching;

public sealed record ClassifyRequest(
    [property: AllowedValues(null, "en", "es", "fr", "de", "zh")] string? Language,
    [property: Required, MinLength(1), MaxLength(100)] string[] Texts);

public sealed record ClassifyResponse(IReadOnlyList<ClassifyResult> Results);

public sealed record ClassifyResult(IReadOnlyList<SignalScore> Labels);

/// <summary><c>POST /api/v1/signals/classify</c>: the model plus the tenant's rules layer, without an interaction.</summary>
public static class SignalsApi
{
    public const int MaxTextLength = 4000;

    public static RouteHandlerBuilder MapSignalsApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/signals/classify", ClassifyAsync).WithTags("Signals").RequireAuthorization(Policies.Tenant);

    private static async Task<Results<Ok<ClassifyResponse>, ValidationProblem>> ClassifyAsync(
        ClassifyRequest request, HttpContext context, ISignalClassifier classifier, PlaybookStore playbooks, CancellationToken cancellationToken)
    {
        var bad = request.Texts.Select((t, i) => (t, i)).Where(x => string.IsNullOrWhiteSpace(x.t) || x.t.Length > MaxTextLength).ToList();
        if (bad.Count > 0)
        {
            return TypedResults.ValidationProblem(bad.ToDictionary(x => $"texts[{x.i}]", _ => new[] { $"Each text needs 1-{MaxTextLength} characters." }));
        }

        var tenantId = context.GetCaller().RequireTenant();
        var playbook = await playbooks.GetAsync(tenantId, cancellationToken);
        var language = request.Language ?? "en";
        var results = request.Texts
            .Select(text => new ClassifyResult(playbook.Rules.Apply(text, classifier.Classify(tenantId, text, language))
                .Where(s => s.Score >= playbook.Playbook.Thresholds.SignalScore).ToList()))
            .ToList();
        return TypedResults.Ok(new ClassifyResponse(results));
    }
}
