using Microsoft.AspNetCore.Http.HttpResults;
using SalesCoach.Api.Auth;
using SalesCoach.Storage;

namespace SalesCoach.Api.Coaching.WriteBack;

public sealed record WriteBackResponse(
    string InteractionId, string Crm, string RecordType, string RecordId, string Status, int Attempts, string? LastError, string? NoteId,
    DateTimeOffset UpdatedAt, string? ErrorCode);

/// <summary>
/// After-call write-back of the summary to the CRM record: <c>GET .../writeback</c> shows the job, <c>POST</c> runs it
/// again (a repeat updates the same CRM note, never adds a second).
/// </summary>
public static class WriteBackApi
{
    public static IServiceCollection AddWriteBack(this IServiceCollection services)
    {
        services.AddMigrations<WriteBackMigrations>();
        services.AddOptions<WriteBackOptions>().BindConfiguration(WriteBackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WriteBackStore>();
        services.AddSingleton<WriteBackQueue>();
        services.AddTransient<WriteBackJobRunner>();
        services.AddHostedService<WriteBackWorker>();
        return services;
    }

    public static RouteGroupBuilder MapWriteBackApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/interactions/{id}/writeback").WithTags("Interactions").RequireAuthorization(Policies.Tenant);
        group.MapGet("/", GetAsync);
        group.MapPost("/", RetryAsync);
        return group;
    }

    private static async Task<Results<Ok<WriteBackResponse>, NotFound>> GetAsync(
        string id, HttpContext context, WriteBackStore store, CancellationToken cancellationToken)
    {
        var job = await store.GetAsync(context.GetCaller().RequireTenant(), id, cancellationToken);
        return job is null ? TypedResults.NotFound() : TypedResults.Ok(ToResponse(job));
    }

    /// <summary>Unknown, another tenant's or not completed: 404. Otherwise the job is pending again (202).</summary>
    private static async Task<Results<Accepted<WriteBackResponse>, NotFound>> RetryAsync(
        string id, HttpContext context, WriteBackStore store, WriteBackQueue queue, CancellationToken cancellationToken)
    {
        var tenantId = context.GetCaller().RequireTenant();
        await store.ResetAsync(tenantId, id, cancellationToken);
        if (!await queue.EnqueueAsync(tenantId, id, cancellationToken) || await store.GetAsync(tenantId, id, cancellationToken) is not { } job)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Accepted($"/api/v1/interactions/{id}/writeback", ToResponse(job));
    }

    private static WriteBackResponse ToResponse(WriteBackJob job) =>
        new(job.InteractionId, job.Crm, job.RecordType, job.RecordId, job.Status, job.Attempts, job.LastError, job.NoteId, job.UpdatedAt, job.ErrorCode);
}
