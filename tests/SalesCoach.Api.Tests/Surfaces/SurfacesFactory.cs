using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesCoach.Api.Tests.Infrastructure;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Tests.Surfaces;

/// <summary>The host with CRM secrets configured and every log line captured (to prove no secret is logged).</summary>
public class SurfacesFactory : ApiFactory
{
    public const string ConsumerSecret = "test-salesforce-consumer-secret-0123";
    public const string ClientSecret = "test-hubspot-client-secret-0123456789";

    public SurfacesFactory()
        : this(StorageProvider.Sqlite)
    {
    }

    protected SurfacesFactory(StorageProvider provider)
        : base(provider)
    {
    }

    public CapturedLogs Logs { get; } = new();

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Salesforce:ConsumerSecret"] = ConsumerSecret,
        ["HubSpot:ClientSecret"] = ClientSecret,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(Settings));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
    }

    public async Task ConnectAsync(string tenantId, string crm, string orgId, string? instanceUrl = null)
    {
        var result = await Services.GetRequiredService<CrmConnectionStore>().ConnectAsync(tenantId, crm, orgId, null, instanceUrl);
        Assert.Equal(ConnectResult.Connected, result);
    }
}

public sealed class PostgresSurfacesFactory : SurfacesFactory
{
    public PostgresSurfacesFactory()
        : base(StorageProvider.Postgres)
    {
    }
}
