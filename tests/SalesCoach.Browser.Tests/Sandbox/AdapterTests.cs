using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SalesCoach.Browser.Tests.Sandbox;

/// <summary>
/// Each adapter as its CRM hosts it in the sandbox: after the replayed call a tip shows up live,
/// a recommended item opens, and switching the language changes the adapter's text.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class AdapterTests(SandboxHost host)
{
    private static readonly float LiveTimeout = 60_000;

    [Fact]
    public async Task Salesforce_CanvasInItsFrame_ShowsLiveTipsOpensContentAndSwitchesLanguage()
    {
        var (page, console) = await host.OpenSandboxAsync();
        var frame = page.FrameLocator("#salesforce-canvas");
        await Expect(frame.Locator(".sc-panel h2")).ToHaveTextAsync("Sales coach");

        await ReplayAsync(page, "salesforce");
        await Expect(frame.Locator(".sc-tip").First).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
        await OpenFirstContentAsync(page, frame.Locator(".sc-content-item [data-action=\"open\"]").First);
        await ShotAsync(page, "salesforce-live");

        await page.SelectOptionAsync("#language", "de");
        await Expect(frame.Locator(".sc-panel h2")).ToHaveTextAsync("Vertriebscoach", new() { Timeout = 20_000 });
        await Expect(frame.Locator(".sc-tip").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await ShotAsync(page, "salesforce-de");
        AssertNoCspViolations(console);
    }

    [Fact]
    public async Task Dynamics_PcfControlInTheHostPage_ShowsLiveTipsOpensContentAndSwitchesLanguage()
    {
        var (page, console) = await host.OpenSandboxAsync();
        var control = page.Locator("#dynamics-control");
        await Expect(control.Locator(".sc-panel h2")).ToHaveTextAsync("Sales coach");

        await ReplayAsync(page, "dynamics");
        await Expect(control.Locator(".sc-tip").First).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
        await OpenFirstContentAsync(page, control.Locator(".sc-content-item [data-action=\"open\"]").First);
        await ShotAsync(page, "dynamics-live");

        await page.SelectOptionAsync("#language", "fr");
        await Expect(control.Locator(".sc-panel h2")).ToHaveTextAsync("Coach commercial");
        await ShotAsync(page, "dynamics-fr");
        AssertNoCspViolations(console);
    }

    [Fact]
    public async Task HubSpot_CardThroughTheSigningProxy_ShowsLiveTipsOpensContentAndSwitchesLanguage()
    {
        var (page, console) = await host.OpenSandboxAsync();
        var card = page.Locator("#hubspot-card");
        await Expect(card.Locator("h2").First).ToHaveTextAsync("Sales coach");

        await ReplayAsync(page, "hubspot");
        await Expect(card.Locator("[data-testid^=\"tip-\"]").First).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
        await OpenFirstContentAsync(page, card.Locator("a[data-testid^=\"content-\"][data-testid$=\"-open\"]").First);
        await ShotAsync(page, "hubspot-live");

        await page.SelectOptionAsync("#language", "zh");
        await Expect(card.Locator("h2").First).ToHaveTextAsync("销售教练");
        await ShotAsync(page, "hubspot-zh");
        AssertNoCspViolations(console);
    }

    [Fact]
    public async Task Sandbox_AsANewcomerOpensIt_ReplaysByItselfAndShowsTipsAndContentInAllThreeWithinAMinute()
    {
        var (page, console) = await host.OpenSandboxAsync(query: "");

        await Expect(page.FrameLocator("#salesforce-canvas").Locator(".sc-tip").First).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
        await Expect(page.Locator("#dynamics-control .sc-tip").First).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
        await Expect(page.Locator("#hubspot-card [data-testid^=\"tip-\"]").First).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
        await Expect(page.FrameLocator("#salesforce-canvas").Locator(".sc-content-item").First).ToBeVisibleAsync();
        await Expect(page.Locator("#dynamics-control .sc-content-item").First).ToBeVisibleAsync();
        await Expect(page.Locator("#hubspot-card [data-testid^=\"content-\"]").First).ToBeVisibleAsync();
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-replay", "done", new() { Timeout = LiveTimeout });
        await ShotAsync(page, "sandbox-after-replay");
        AssertNoCspViolations(console);
    }

    private static async Task ReplayAsync(IPage page, string crm)
    {
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-interactions", new Regex($"\\b{crm}\\b"), new() { Timeout = 30_000 });
        await page.ClickAsync("#replay");
    }

    /// <summary>Opening a recommended item opens its URL in a new window, as the CRM frames do.</summary>
    private static async Task OpenFirstContentAsync(IPage page, ILocator open)
    {
        // The demo library's items live on content.example.com: answered here, so the test stays offline.
        await page.Context.RouteAsync("https://content.example.com/**", route => route.FulfillAsync(new() { Body = "<h1>content</h1>", ContentType = "text/html" }));
        await Expect(open).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
        var popup = await page.Context.RunAndWaitForPageAsync(() => open.ClickAsync());
        await popup.WaitForURLAsync(new Regex("^https://content\\.example\\.com/"));
        await popup.CloseAsync();
    }

    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(SandboxHost.ScreenshotDirectory, name + ".png"), FullPage = true });

    private static void AssertNoCspViolations(List<string> console)
    {
        lock (console)
        {
            var violations = console.Where(line => line.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(violations.Count == 0, "CSP violations: " + string.Join(" | ", violations));
        }
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
