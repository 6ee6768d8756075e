using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;
using SalesCoach.Storage.Database;
using SalesCoach.TestSupport;

namespace SalesCoach.Browser.Tests;

/// <summary>
/// The real backend on a real Kestrel port on 127.0.0.1 (Development: the sandbox, the demo tenant
/// and its connected demo orgs, generated CRM secrets), a fresh SQLite store, and Debian's Chromium
/// driven by Playwright (never a downloaded browser).
/// </summary>
public sealed class SandboxHost : IAsyncLifetime
{
    private TestStore? _store;
    private Factory? _factory;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public static string ScreenshotDirectory { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("SALESCOACH_ARTIFACTS") is { Length: > 0 } artifacts ? artifacts : Path.Combine(RepositoryRoot.Path, "artifacts"),
        "screenshots");

    public async ValueTask InitializeAsync()
    {
        var bundle = Path.Combine(RepositoryRoot.Path, "backend", "SalesCoach.Api", "wwwroot", "adapters", "hubspot", "card.js");
        Assert.True(File.Exists(bundle), "The adapter bundles are not built: run `npm ci --ignore-scripts && npm run build` in plugins/ (.ci/setup.sh does).");
        _store = await TestStore.CreateAsync(StorageProvider.Sqlite);
        _factory = new Factory(_store.ToConfiguration());
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseAddress = _factory.ClientOptions.BaseAddress;
        Directory.CreateDirectory(ScreenshotDirectory);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh page at the sandbox, wide enough for the three CRM columns, with its console captured.</summary>
    public async Task<(IPage Page, List<string> Console)> OpenSandboxAsync(string query = "autoplay=0&pace=250")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1500, Height = 1000 } });
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") { lock (console) { console.Add(message.Text); } } };
        page.PageError += (_, error) => { lock (console) { console.Add(error); } };
        await page.GotoAsync(new Uri(BaseAddress, "/?" + query).ToString());
        return (page, console);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> storage) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>(storage)
            {
                ["Sandbox:Enabled"] = "true",
            }));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SandboxCollection : ICollectionFixture<SandboxHost>
{
    public const string Name = "sandbox";
}
