using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SalesCoach.Api.Tests.Infrastructure;
using SalesCoach.Storage.Database;
using SalesCoach.TestSupport;

namespace SalesCoach.Api.Tests.Admin;

/// <summary>A missing secret fails the start, not the first request.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task Start_ProductionWithoutEncryptionKey_FailsWithClearMessage()
    {
        await using var store = await TestStore.CreateAsync(StorageProvider.Sqlite);
        var logs = new CapturedLogs();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>(store.ToConfiguration())
            {
                ["Operator:ApiKey"] = "test-operator-key-0123456789",
            }));
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        });

        // What the factory throws is not always the start's own error: the app's Run disposes the host when the start
        // fails, and when that happens before the factory asks the host for its lifetime (a busy machine, about 1 start
        // in 12 with 8 at once), the factory throws ObjectDisposedException. The host's log is what an operator reads.
        Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var failure = Assert.Single(logs.Lines, line => line.Contains("Hosting failed to start", StringComparison.Ordinal));
        Assert.Contains("Encryption:Keys", failure, StringComparison.Ordinal);
    }
}
