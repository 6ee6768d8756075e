using System.Collections.Concurrent;
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

/// <summary>Every message and every structured value logged by the host, at every level.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AssertNeverContains(params string[] secrets)
    {
        Assert.NotEmpty(_lines);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(_lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner._lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            owner._lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {values} {exception}");
        }
    }
}
