using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
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
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>(store.ToConfiguration())
            {
                ["Operator:ApiKey"] = "test-operator-key-0123456789",
            }));
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Encryption:Keys", error.ToString());
    }
}
