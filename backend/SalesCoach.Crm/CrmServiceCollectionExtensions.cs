using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SalesCoach.Crm.Dataverse;
using SalesCoach.Crm.HubSpot;
using SalesCoach.Crm.Resilience;
using SalesCoach.Crm.Salesforce;
using SalesCoach.Crm.WriteBack;
using SalesCoach.Storage;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Crm;

public static class CrmServiceCollectionExtensions
{
    /// <summary>
    /// The three CRM clients (each: resilience handler outermost, then its auth handler), their options from
    /// <c>Crm:Salesforce</c>, <c>Crm:Dataverse</c>, <c>Crm:HubSpot</c> (validated on start), and the summary
    /// write-back with its token store. Needs Storage registered (AddStorage) for the default connection source.
    /// </summary>
    public static IServiceCollection AddCrm(this IServiceCollection services)
    {
        // A second call would add a second set of handlers to each client: resilience must never be stacked.
        if (services.Any(d => d.ServiceType == typeof(CrmResiliencePipelines)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SalesforceOptions>().BindConfiguration(SalesforceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DataverseOptions>().BindConfiguration(DataverseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HubSpotOptions>().BindConfiguration(HubSpotOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        foreach (var (crm, section) in new[] { (CrmKinds.Salesforce, SalesforceOptions.Section), (CrmKinds.Dynamics, DataverseOptions.Section), (CrmKinds.HubSpot, HubSpotOptions.Section) })
        {
            services.AddOptions<CrmResilienceOptions>(crm).BindConfiguration($"{section}:Resilience").ValidateDataAnnotations().ValidateOnStart();
        }

        services.TryAddSingleton<CrmResiliencePipelines>();
        services.TryAddSingleton<SalesforceApiUsage>();
        services.TryAddSingleton<IAccessTokenSource, MsalAccessTokenSource>();

        services.AddHttpClient<SalesforceClient>(ConfigureClient)
            .AddHttpMessageHandler(sp => new CrmResilienceHandler(sp.GetRequiredService<CrmResiliencePipelines>(), CrmKinds.Salesforce))
            .AddHttpMessageHandler(() => new BearerTokenHandler(CrmKinds.Salesforce));
        // The token endpoint shares the org's breaker; its POST is not marked idempotent, so it is never resent blindly
        // (with refresh token rotation a resent request would present an already used refresh token).
        services.AddHttpClient<SalesforceOAuthClient>(ConfigureClient)
            .AddHttpMessageHandler(sp => new CrmResilienceHandler(sp.GetRequiredService<CrmResiliencePipelines>(), CrmKinds.Salesforce));
        services.AddHttpClient<DataverseClient>(http =>
            {
                ConfigureClient(http);
                // OData v4 headers are fixed for every Dataverse call, as Microsoft's Web API samples set them.
                http.DefaultRequestHeaders.Add("OData-MaxVersion", "4.0");
                http.DefaultRequestHeaders.Add("OData-Version", "4.0");
                http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
            })
            .AddHttpMessageHandler(sp => new CrmResilienceHandler(sp.GetRequiredService<CrmResiliencePipelines>(), CrmKinds.Dynamics))
            .AddHttpMessageHandler(sp => new DataverseTokenHandler(sp.GetRequiredService<IAccessTokenSource>()));
        services.AddHttpClient<HubSpotClient>(http =>
            {
                ConfigureClient(http);
                http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
            })
            .AddHttpMessageHandler(sp => new CrmResilienceHandler(sp.GetRequiredService<CrmResiliencePipelines>(), CrmKinds.HubSpot))
            .AddHttpMessageHandler(() => new BearerTokenHandler(CrmKinds.HubSpot));

        services.AddTransient<ICrmNoteWriter, SalesforceNoteWriter>();
        services.AddTransient<ICrmNoteWriter, DataverseNoteWriter>();
        services.AddTransient<ICrmNoteWriter, HubSpotNoteWriter>();
        services.AddTransient<SummaryWriteBack>();
        services.AddTransient<SummaryNoteDeletion>();
        services.AddMigrations<CrmMigrations>();
        services.TryAddSingleton<CrmTokenStore>();
        // A host may register its own source before AddCrm(); otherwise connections and sealed tokens come from Storage.
        // Transient: it holds the typed token client, whose handlers the factory rotates.
        services.TryAddTransient<ICrmConnectionSource, StoredCrmConnectionSource>();
        return services;
    }

    // The pipeline's total timeout governs; HttpClient's own would cut across retries with a less useful error.
    private static void ConfigureClient(HttpClient http) => http.Timeout = Timeout.InfiniteTimeSpan;
}
