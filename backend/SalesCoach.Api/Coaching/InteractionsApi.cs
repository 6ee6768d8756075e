using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesCoach.Api.Auth;
using SalesCoach.Api.Coaching.WriteBack;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Metrics;
using SalesCoach.Coaching.Summaries;
using SalesCoach.Storage.Privacy;

namespace SalesCoach.Api.Coaching;

/// <summary>Live interactions: create, record consent, append transcript segments, stream events, complete, read, tip feedback.</summary>
public static class InteractionsApi
{
    public static RouteGroupBuilder MapInteractionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/interactions").WithTags("Interactions").RequireAuthorization(Policies.Tenant);
        group.MapPost("/", CreateAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/{id}/segments", AppendSegmentsAsync);
        group.MapGet("/{id}/events", InteractionEventsStream.OpenAsync);
        group.MapPut("/{id}/consent", RecordConsentAsync);
        group.MapPost("/{id}/complete", CompleteAsync);
        group.MapGet("/{id}/summary", GetSummaryAsync);
        group.MapPost("/{id}/tips/{tipId}/events", TipFeedbackApi.PostAsync);
        return group;
    }

    private static async Task<Created<InteractionResponse>> CreateAsync(
        CreateInteractionRequest request, HttpContext context, LiveInteractions live, PrivacySettingsStore privacy, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        var tenantId = caller.RequireTenant();
        // An adapter session speaks for a CRM-verified user (e.g. salesforce:<user id>): that is the rep, whatever the body
        // says, and the write-back acts with that user's stored CRM token.
        var repId = caller.Via.StartsWith("session:", StringComparison.Ordinal) ? caller.UserId : request.RepId.Trim();
        var interaction = await live.CreateAsync(tenantId, new NewInteraction(
            request.Crm, request.RecordType.Trim(), request.RecordId.Trim(), repId, request.Language, request.Channel, request.Consent), cancellationToken);
        var settings = await privacy.GetCachedAsync(tenantId, cancellationToken);
        return TypedResults.Created($"/api/v1/interactions/{interaction.Id}", interaction.ToResponse(null, settings.ConsentRequired));
    }

    private static async Task<Results<Ok<InteractionResponse>, NotFound>> GetAsync(
        string id, HttpContext context, InteractionStore store, LiveInteractions live, SummaryStore summaries, PrivacySettingsStore privacy,
        CancellationToken cancellationToken)
    {
        var tenantId = context.GetCaller().RequireTenant();
        var interaction = await store.FindAsync(tenantId, id, cancellationToken);
        if (interaction is null)
        {
            return TypedResults.NotFound();
        }

        ConversationMetrics? metrics = null;
        if (interaction.Status == InteractionStatus.Completed)
        {
            var summary = await summaries.ReadAsync(tenantId, id, cancellationToken);
            metrics = summary is null ? null : JsonSerializer.Deserialize<InteractionSummary>(summary, CoachingJson.Options)?.Metrics;
        }
        else if (await live.GetAsync(tenantId, id, cancellationToken) is { } state)
        {
            await state.Gate.WaitAsync(cancellationToken);
            try
            {
                metrics = state.Metrics.Snapshot();
            }
            finally
            {
                state.Gate.Release();
            }
        }

        return TypedResults.Ok(interaction.ToResponse(metrics, (await privacy.GetCachedAsync(tenantId, cancellationToken)).ConsentRequired));
    }

    private static async Task<Results<Ok<AppendSegmentsResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AppendSegmentsAsync(
        string id, AppendSegmentsRequest request, HttpContext context, SegmentAppender appender, CancellationToken cancellationToken)
    {
        var errors = InteractionMapping.CheckSequence(request.Segments);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await appender.AppendAsync(
            context.GetCaller().RequireTenant(), id, request.Segments.Select(s => s.ToInput()).ToList(), cancellationToken);
        return result.Status switch
        {
            AppendStatus.NotFound => TypedResults.NotFound(),
            AppendStatus.Completed => TypedResults.Problem("The interaction is completed; it takes no more segments.", statusCode: StatusCodes.Status409Conflict,
                title: "Interaction completed", type: ProblemTypes.InteractionCompleted),
            AppendStatus.ConsentRefused => TypedResults.Problem(
                "The customer refused consent to recording and coaching on this interaction: its segments are neither processed nor stored.",
                statusCode: StatusCodes.Status409Conflict, title: "Consent refused", type: ProblemTypes.ConsentRefused),
            AppendStatus.ConsentMissing => TypedResults.Problem(
                "This tenant requires the customer's consent before a conversation is processed, and none is recorded on this interaction. " +
                $"Record it with PUT /api/v1/interactions/{id}/consent {{\"consent\": true}} (or create the interaction with \"consent\": true), " +
                "then send the segments again. Nothing of these segments was stored.",
                statusCode: StatusCodes.Status409Conflict, title: "Consent required", type: ProblemTypes.ConsentRequired),
            _ => TypedResults.Ok(new AppendSegmentsResponse(result.Tips, result.Metrics!)),
        };
    }

    /// <summary>Consent given or refused during the call; a completed interaction's consent no longer changes (409).</summary>
    private static async Task<Results<Ok<ConsentResponse>, NotFound, ProblemHttpResult>> RecordConsentAsync(
        string id, ConsentRequest request, HttpContext context, InteractionConsent consent, InteractionStore store, CancellationToken cancellationToken)
    {
        var tenantId = context.GetCaller().RequireTenant();
        var result = await consent.RecordAsync(tenantId, id, request.Consent!.Value, cancellationToken);
        if (result == ConsentResult.Completed)
        {
            return TypedResults.Problem("The interaction is completed; its consent is as it was recorded.", statusCode: StatusCodes.Status409Conflict,
                title: "Interaction completed", type: ProblemTypes.InteractionCompleted);
        }

        var interaction = result == ConsentResult.Recorded ? await store.FindAsync(tenantId, id, cancellationToken) : null;
        return interaction is null ? TypedResults.NotFound() : TypedResults.Ok(new ConsentResponse(interaction.Id, interaction.Consent, interaction.ConsentAt));
    }

    private static async Task<Results<ContentHttpResult, NotFound>> CompleteAsync(
        string id, HttpContext context, InteractionCompleter completer, WriteBackQueue writeBacks, ILogger<InteractionCompleter> logger,
        CancellationToken cancellationToken)
    {
        var tenantId = context.GetCaller().RequireTenant();
        var summary = await completer.CompleteAsync(tenantId, id, cancellationToken);
        if (summary is null)
        {
            return TypedResults.NotFound();
        }

        try
        {
            // Only a row and a wake-up: the CRM call runs in WriteBackWorker, never in the rep's request.
            await writeBacks.EnqueueAsync(tenantId, id, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The rep's completion stands; POST .../writeback queues it again.
            logger.LogError(e, "Could not queue the write-back of interaction {InteractionId}.", id);
        }

        return TypedResults.Text(summary, "application/json");
    }

    private static async Task<Results<ContentHttpResult, NotFound>> GetSummaryAsync(
        string id, HttpContext context, SummaryStore summaries, CancellationToken cancellationToken)
    {
        // Unknown, another tenant's, or not completed yet: there is no summary to read.
        var summary = await summaries.ReadAsync(context.GetCaller().RequireTenant(), id, cancellationToken);
        return summary is null ? TypedResults.NotFound() : TypedResults.Text(summary, "application/json");
    }
}
