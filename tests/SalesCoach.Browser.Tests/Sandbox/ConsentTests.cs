using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace SalesCoach.Browser.Tests.Sandbox;

/// <summary>
/// The demo tenant requires consent: each adapter asks before coaching, the rep's answer in the panel decides, the replay
/// (playing the telephony integration) records the demo customer's yes where nobody answered, and a declined call is not coached.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class ConsentTests(SandboxHost host)
{
    // The demo tenant's admin key from appsettings.Development.json (local runs only).
    private const string DemoKey = "sc_demo_key_for_local_development";
    private static readonly float LiveTimeout = 60_000;

    [Fact]
    public async Task ConsentRequired_EachAdapterAsks_TheRepsAnswerOrTheReplaysYesDecidesWhatIsCoached()
    {
        using var admin = new HttpClient { BaseAddress = host.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DemoKey);
        await RequireConsentAsync(admin, true);
        try
        {
            var (page, console) = await host.OpenSandboxAsync();
            var canvas = page.FrameLocator("#salesforce-canvas");
            var dynamics = page.Locator("#dynamics-control");
            var hubspot = page.Locator("#hubspot-card");

            await Expect(canvas.Locator(".sc-consent[data-consent=\"asking\"]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(canvas.Locator(".sc-status")).ToHaveTextAsync("Waiting for consent");
            await Expect(dynamics.Locator(".sc-consent[data-consent=\"asking\"] [data-action=\"consent-grant\"]")).ToHaveTextAsync("Customer agreed");
            await Expect(hubspot.Locator("[data-testid=\"consent-grant\"]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await ShotAsync(page, "consent-asking");

            // Salesforce: the rep records the customer's yes. HubSpot: the customer declines. Dynamics: nobody answers there.
            await canvas.Locator("[data-action=\"consent-grant\"]").ClickAsync();
            await Expect(canvas.Locator(".sc-consent")).ToHaveAttributeAsync("data-consent", "granted");
            await hubspot.Locator("[data-testid=\"consent-refuse\"]").ClickAsync();
            await Expect(hubspot.Locator("[data-testid=\"status\"]")).ToHaveTextAsync("Coaching off");
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-interactions", "dynamics hubspot salesforce", new() { Timeout = 30_000 });

            await page.ClickAsync("#replay");
            await Expect(canvas.Locator(".sc-tip").First).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
            // The replay recorded the demo customer's yes on the unanswered call; the control follows it and goes live.
            await Expect(dynamics.Locator(".sc-consent")).ToHaveAttributeAsync("data-consent", "granted", new() { Timeout = 20_000 });
            await Expect(dynamics.Locator(".sc-tip").First).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-replay", "done", new() { Timeout = LiveTimeout });
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-declined", "hubspot");
            Assert.Equal(0, await hubspot.Locator("[data-testid^=\"tip-\"]").CountAsync());

            await page.SelectOptionAsync("#language", "de");
            await Expect(canvas.Locator(".sc-consent-text")).ToHaveTextAsync("Der Kunde hat der Aufzeichnung und dem Coaching zugestimmt.", new() { Timeout = 20_000 });
            await Expect(hubspot.Locator("[data-testid=\"status\"]")).ToHaveTextAsync("Coaching aus");
            await ShotAsync(page, "consent-after-replay-de");
            AssertNoCspViolations(console);
        }
        finally
        {
            await RequireConsentAsync(admin, false);
        }
    }

    private static async Task RequireConsentAsync(HttpClient admin, bool required)
    {
        var saved = await admin.PutAsJsonAsync("/api/v1/privacy/settings", new { consentRequired = required, retentionDays = 365 });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
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
