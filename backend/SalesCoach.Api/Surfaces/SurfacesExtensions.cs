using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.StaticFiles;
using SalesCoach.Api.Auth;
using SalesCoach.Api.Surfaces.Dynamics;
using SalesCoach.Api.Surfaces.HubSpot;
using SalesCoach.Api.Surfaces.Salesforce;
using SalesCoach.Api.Surfaces.Sandbox;
using SalesCoach.Crm.HubSpot;
using SalesCoach.Crm.Salesforce;
using SalesCoach.Content.Ranking;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SalesCoach.Api.Surfaces;

/// <summary>The CRM surfaces: the proofs each CRM gives (and the session tokens they buy), the adapter pages, the sandbox.</summary>
public static class SurfacesExtensions
{
    public static IServiceCollection AddSurfaces(this IServiceCollection services)
    {
        services.AddOptions<SalesforceCanvasOptions>().BindConfiguration(SalesforceCanvasOptions.Section)
            .PostConfigure<SandboxFrames, SandboxSecrets>((o, sandbox, secrets) => o.ConsumerSecret = Fill(o.ConsumerSecret, sandbox, secrets.Salesforce))
            .ValidateDataAnnotations().ValidateOnStart();
        // The canvas app and the write-back's token refresh are one connected app: one consumer secret unless set apart.
        services.AddOptions<SalesforceOptions>().PostConfigure<IOptions<SalesforceCanvasOptions>>((o, canvas) =>
            o.ConsumerSecret = o.ConsumerSecret is { Length: > 0 } ? o.ConsumerSecret : canvas.Value.ConsumerSecret);
        services.AddOptions<HubSpotCardOptions>().BindConfiguration(HubSpotCardOptions.Section)
            .PostConfigure<SandboxFrames, SandboxSecrets>((o, sandbox, secrets) => o.ClientSecret = Fill(o.ClientSecret, sandbox, secrets.HubSpot))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DynamicsOptions>().BindConfiguration(DynamicsOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.Authority is not { Length: > 0 } || o.Audiences.Count > 0, "Dynamics:Audience is required when Dynamics:Authority is set.")
            .ValidateOnStart();
        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddDataProtection().SetApplicationName("SalesCoach");
        services.AddHttpClient();
        services.AddSingleton<SessionTokens>();
        services.AddSingleton<SignedRequestVerifier>();
        services.AddSingleton<SignatureReplayCache>();
        services.AddSingleton<HubSpotSignature>();
        services.AddSingleton<SandboxFrames>();
        services.AddSingleton<SandboxSecrets>();
        services.AddCredentialResolver<SessionTokenResolver>();
        services.AddCredentialResolver<EntraTokenResolver>();
        services.AddHostedService<DemoConnections>();

        // Every /hubspot/ request is authenticated by its HubSpot signature instead of a bearer credential.
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, HubSpotSignatureHandler>(HubSpotSignatureHandler.SchemeName, null);
        services.Configure<AuthenticationSchemeOptions>(BearerCredentialHandler.SchemeName, o => o.ForwardDefaultSelector = context =>
            context.Request.Path.StartsWithSegments(HubSpotSignatureHandler.PathPrefix) ? HubSpotSignatureHandler.SchemeName : null);

        services.AddDynamicsCors();

        // Adapters name their interaction when asking for content; without this the content feature knows none.
        services.Replace(ServiceDescriptor.Singleton<IConversationContextSource, InteractionConversationSource>());
        return services;
    }

    public static WebApplication MapSurfaces(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<SandboxFrames>().Enabled)
        {
            // The sandbox's script and demo call are not served where the sandbox is off.
            app.UseWhen(c => c.Request.Path.StartsWithSegments("/sandbox"), off => off.Run(c =>
            {
                c.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }));
        }

        var contentTypes = new FileExtensionContentTypeProvider();
        contentTypes.Mappings[".jsonl"] = "application/x-ndjson";
        app.UseStaticFiles(new StaticFileOptions { ContentTypeProvider = contentTypes });
        app.MapSalesforceCanvas();
        app.MapHubSpotApi();
        app.MapSandbox();
        return app;
    }

    private static string? Fill(string? configured, SandboxFrames sandbox, string generated) =>
        configured is { Length: > 0 } || !sandbox.Enabled ? configured : generated;
}

/// <summary>
/// Secrets the sandbox uses when none are configured, new at every start and never written anywhere:
/// the sandbox both signs (as the CRM) and verifies (as the backend) with them.
/// </summary>
internal sealed class SandboxSecrets
{
    public string Salesforce { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    public string HubSpot { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
}
