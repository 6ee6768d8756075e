using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesCoach.Crm.Dataverse;
using System.Security.Cryptography;
using SalesCoach.Crm.WriteBack;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Encryption;
using SalesCoach.Storage.Tenants;
using SalesCoach.TestSupport;

namespace SalesCoach.Crm.Tests;

/// <summary>
/// The library's own <c>AddCrm()</c> registration over in-memory configuration, pointed at local fakes. Quick
/// retries by default so failure paths stay fast; tests that check waits pass a manual clock.
/// </summary>
public static class CrmTestHost
{
    public static ServiceProvider Create(
        IDictionary<string, string?>? settings = null, TimeProvider? time = null, IAccessTokenSource? tokens = null, List<string>? log = null,
        ICrmConnectionSource? connections = null, Action<IServiceCollection>? configure = null,
        TestStore? store = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Crm:Salesforce:AllowedInstanceHosts:0"] = "127.0.0.1",
            ["Crm:Dataverse:AllowedInstanceHosts:0"] = "127.0.0.1",
        };
        foreach (var crm in new[] { "Salesforce", "Dataverse", "HubSpot" })
        {
            values[$"Crm:{crm}:Resilience:BaseDelay"] = "00:00:00.005";
            values[$"Crm:{crm}:Resilience:AttemptTimeout"] = "00:00:05";
            values[$"Crm:{crm}:Resilience:TotalTimeout"] = "00:00:20";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddLogging(b => b.AddProvider(new ListLoggerProvider(log ?? [])));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        if (tokens is not null)
        {
            services.AddSingleton(tokens);
        }

        if (store is not null)
        {
            services.AddSingleton(store.Database);
            services.AddSingleton(new FieldProtector(new Dictionary<string, byte[]> { ["k1"] = RandomNumberGenerator.GetBytes(32) }, "k1"));
            services.AddSingleton<CrmConnectionStore>();
            services.AddSingleton<TenantStore>();
        }
        else
        {
            // Client tests need no store; these keep AddCrm()'s store-backed services resolvable for validation.
            services.AddSingleton<SqlDatabase>(_ => throw new InvalidOperationException("This test has no store."));
            services.AddSingleton<FieldProtector>(_ => throw new InvalidOperationException("This test has no store."));
            services.AddSingleton<CrmConnectionStore>(_ => throw new InvalidOperationException("This test has no store."));
            services.AddSingleton<ICrmConnectionSource>(connections ?? new TestConnections());
        }

        configure?.Invoke(services);
        services.AddCrm();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Keeps warnings so tests can see what the library logs (never a token).</summary>
    private sealed class ListLoggerProvider(List<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (lines)
            {
                lines.Add($"{logLevel}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
            }
        }

        public void Dispose()
        {
        }
    }
}
