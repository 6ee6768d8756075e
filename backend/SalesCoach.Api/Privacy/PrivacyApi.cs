using Microsoft.AspNetCore.Http.HttpResults;
using SalesCoach.Api.Auth;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Privacy;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Privacy;

/// <summary>
/// GDPR/CCPA for a tenant's admins: privacy settings (consent required, retention), export and erasure of a data subject,
/// and a retention pass on demand. Every change and every export is in the audit log.
/// </summary>
public static class PrivacyApi
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SubjectExport>();
        // Transient, as the write-back's runner: the CRM clients' handlers are rotated by the HTTP client factory.
        services.AddTransient<SubjectErasure>();
        services.AddTransient<CrmNoteErasure>();
        services.AddSingleton<RetentionPurge>();
        services.AddHostedService<RetentionService>();
        return services;
    }

    public static RouteGroupBuilder MapPrivacyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/privacy").WithTags("Privacy").RequireAuthorization(Policies.TenantAdmin);
        group.MapGet("/settings", GetSettingsAsync);
        group.MapPut("/settings", PutSettingsAsync);
        group.MapPost("/export", ExportAsync);
        group.MapPost("/erasure", EraseAsync);
        group.MapPost("/retention/run", RunRetentionAsync);
        return group;
    }

    private static async Task<Ok<PrivacySettingsResponse>> GetSettingsAsync(
        HttpContext context, PrivacySettingsStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(PrivacySettingsResponse.From(await store.GetAsync(context.GetCaller().RequireTenant(), cancellationToken)));

    private static async Task<Ok<PrivacySettingsResponse>> PutSettingsAsync(
        PrivacySettingsRequest request, HttpContext context, PrivacySettingsStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        var tenantId = caller.RequireTenant();
        var saved = await store.SaveAsync(tenantId, request.ConsentRequired, request.RetentionDays, cancellationToken);
        await audit.RecordAsync(tenantId, caller.UserId, "privacy.settings_updated",
            $"consentRequired={(saved.ConsentRequired ? "true" : "false")} retentionDays={saved.RetentionDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "off"}",
            cancellationToken);
        return TypedResults.Ok(PrivacySettingsResponse.From(saved));
    }

    /// <summary>200 with the document (empty lists when the tenant holds nothing about the subject), written as it is read.</summary>
    private static async Task<Results<PushStreamHttpResult, ValidationProblem>> ExportAsync(
        SubjectRequest request, HttpContext context, SubjectExport export, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Subject.From(request, out var errors) is not { } subject)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var caller = context.GetCaller();
        var tenantId = caller.RequireTenant();
        var exportId = SortableId.New(time);
        // Recorded before a byte leaves: an export that fails half-way was still an export.
        await audit.RecordAsync(tenantId, caller.UserId, "privacy.subject_exported", $"export={exportId} subject={subject.Kind}", cancellationToken);
        return TypedResults.Stream(
            body => export.WriteAsync(body, tenantId, subject, exportId, context.RequestAborted),
            "application/json", fileDownloadName: $"subject-export-{exportId}.json");
    }

    /// <summary>
    /// 200 with what was erased, and with <c>includeCrmNotes</c> what became of each CRM note; erasing a subject again (or
    /// one never seen) answers 200 with zero counts.
    /// </summary>
    private static async Task<Results<Ok<ErasureResponse>, ValidationProblem>> EraseAsync(
        ErasureRequest request, HttpContext context, SubjectErasure erasure, CancellationToken cancellationToken)
    {
        if (Subject.From(new SubjectRequest(request.RecordId, request.RepId), out var errors) is not { } subject)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var caller = context.GetCaller();
        return TypedResults.Ok(await erasure.EraseAsync(caller.RequireTenant(), subject, caller.UserId, request.IncludeCrmNotes, cancellationToken));
    }

    /// <summary>One bounded pass for the caller's tenant, now; <c>more</c> says whether another would find more.</summary>
    private static async Task<Results<Ok<RetentionRunResponse>, ProblemHttpResult>> RunRetentionAsync(
        HttpContext context, PrivacySettingsStore store, RetentionPurge purge, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        var tenantId = caller.RequireTenant();
        if ((await store.GetAsync(tenantId, cancellationToken)).RetentionDays is not { } days)
        {
            return TypedResults.Problem(
                "Retention is off for this tenant, so nothing is old enough to purge. Set retentionDays with PUT /api/v1/privacy/settings first.",
                statusCode: StatusCodes.Status409Conflict, title: "Retention off");
        }

        return TypedResults.Ok(await purge.PurgeAsync(tenantId, days, caller.UserId, cancellationToken));
    }
}
