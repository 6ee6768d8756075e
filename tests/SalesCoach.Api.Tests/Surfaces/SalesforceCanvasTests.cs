using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SalesCoach.Crm.WriteBack;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Tenants;
using SalesCoach.TestSupport;

namespace SalesCoach.Api.Tests.Surfaces;

public abstract partial class SalesforceCanvasTests(SurfacesFactory factory)
{
    private const string OrgId = "00D5e0000001TESTAA";
    internal const string RefreshToken = "refresh-token-never-to-the-page";

    [Fact]
    public async Task Canvas_ValidRequestFromConnectedOrg_AnswersThePageWithASessionTokenAndOrgFrameAncestors()
    {
        var (tenantId, _) = await factory.CreateTenantAsync("Canvas tenant");
        await factory.ConnectAsync(tenantId, CrmKinds.Salesforce, OrgId);
        using var client = factory.CreateClient();

        var response = await PostCanvasAsync(client, Sign(Envelope(OrgId), SurfacesFactory.ConsumerSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "https://acme.my.salesforce.com https://acme.lightning.force.com https://acme--c.vf.force.com",
            FrameAncestors(response));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"/adapters/salesforce/canvas.js\"></script>", html);
        var config = Config(html);
        Assert.Equal("006000000000001AAA", config.GetProperty("signedRequest").GetProperty("context").GetProperty("environment").GetProperty("record").GetProperty("Id").GetString());
        Assert.DoesNotContain(RefreshToken, html);

        var token = config.GetProperty("sessionToken").GetString()!;
        using var api = factory.CreateClient(token);
        var me = await api.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(tenantId, me.GetProperty("tenantId").GetString());
        Assert.Equal(Roles.Rep, me.GetProperty("role").GetString());
        Assert.Equal("salesforce:005000000000001AAA", me.GetProperty("userId").GetString());
    }

    [Fact]
    public async Task Canvas_ValidRequest_KeepsTheUsersOAuthTokenSealedForTheWriteBack()
    {
        const string oauthToken = "00D!write-back-token-of-this-user";
        var (tenantId, _) = await factory.CreateTenantAsync("Token tenant");
        const string orgId = "00D5e0000001TOKNAA";
        await factory.ConnectAsync(tenantId, CrmKinds.Salesforce, orgId);
        using var client = factory.CreateClient();

        var response = await PostCanvasAsync(client, Sign(Envelope(orgId, oauthToken), SurfacesFactory.ConsumerSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tokens = factory.Services.GetRequiredService<CrmTokenStore>();
        Assert.Equal(oauthToken, await tokens.GetAsync(tenantId, CrmKinds.Salesforce, "005000000000001AAA", default));
        Assert.Null(await tokens.GetAsync(tenantId, CrmKinds.Salesforce, "005000000000002AAA", default));
        await using var connection = await factory.Services.GetRequiredService<SqlDatabase>().OpenAsync();
        var stored = await connection.QuerySingleAsync<(string, string)>(
            "SELECT sealed_token, sealed_refresh_token FROM crm_tokens WHERE tenant_id = @tenantId AND crm = 'salesforce'", new { tenantId });
        Assert.DoesNotContain("write-back-token", stored.Item1);
        // The refresh token (connected app with the refresh_token scope) is kept sealed too, for renewing the session later.
        Assert.Equal(RefreshToken, (await tokens.GetEntryAsync(tenantId, CrmKinds.Salesforce, "005000000000001AAA", default))!.RefreshToken);
        Assert.DoesNotContain(RefreshToken, stored.Item2);
        factory.Logs.AssertNeverContains(oauthToken, RefreshToken);
    }

    [Fact]
    public async Task Canvas_TamperedOrForged_Answers401Page()
    {
        using var client = factory.CreateClient();
        var valid = Sign(Envelope(OrgId), SurfacesFactory.ConsumerSecret);
        var tampered = valid[..^5] + (valid[^5] == 'A' ? 'B' : 'A') + valid[^4..];

        foreach (var signedRequest in new[] { tampered, Sign(Envelope(OrgId), "another-secret-entirely-0123"), "garbage", "" })
        {
            var response = await PostCanvasAsync(client, signedRequest);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("https://*.my.salesforce.com https://*.lightning.force.com https://*.vf.force.com", FrameAncestors(response));
            Assert.DoesNotContain("sessionToken", await response.Content.ReadAsStringAsync());
        }

        var notAForm = await client.PostAsync("/salesforce/canvas", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, notAForm.StatusCode);
    }

    [Fact]
    public async Task Canvas_ValidRequestFromUnconnectedOrg_Answers403PageTellingTheAdminWhatToDo()
    {
        using var client = factory.CreateClient();

        var response = await PostCanvasAsync(client, Sign(Envelope("00D5e0000009NOPEAA"), SurfacesFactory.ConsumerSecret));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("PUT /api/v1/connections/salesforce", html);
        Assert.Contains("00D5e0000009NOPEAA", html);
        Assert.DoesNotContain("sessionToken", html);
        Assert.StartsWith("https://acme.my.salesforce.com", FrameAncestors(response));
    }

    [Fact]
    public async Task Canvas_PublishedRequestOfTheNpmPackage_IsVerifiedEndToEnd()
    {
        // The package's request was signed with its own secret: a host configured with that secret
        // accepts it once the org is connected, and refuses it with one byte changed.
        var published = await ConformancePeers.RunAsync("salesforce-signed-request.mjs");
        var signedRequest = published.GetProperty("signedRequest").GetString()!;
        await using var host = new PublishedSecretFactory(published.GetProperty("secret").GetString()!);
        await host.InitializeAsync();
        using var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await PostCanvasAsync(client, signedRequest)).StatusCode);
        var (tenantId, _) = await host.CreateTenantAsync("Published org tenant");
        await host.ConnectAsync(tenantId, CrmKinds.Salesforce, "00DR00000008bPCMAY");
        var accepted = await PostCanvasAsync(client, signedRequest);
        var tampered = await PostCanvasAsync(client, signedRequest.Replace("eyJ1c2VySWQiOiIwMDVS", "eyJ1c2VySWQiOiIwMDVT", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("https://mobile1.t.salesforce.com", FrameAncestors(accepted));
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
    }

    internal static Task<HttpResponseMessage> PostCanvasAsync(HttpClient client, string signedRequest) =>
        client.PostAsync("/salesforce/canvas", new FormUrlEncodedContent([new("signed_request", signedRequest)]));

    internal static string FrameAncestors(HttpResponseMessage response)
    {
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        return FrameAncestorsDirective().Match(csp).Groups[1].Value.Trim();
    }

    internal static JsonElement Config(string html) =>
        JsonDocument.Parse(ConfigElement().Match(html).Groups[1].Value).RootElement.Clone();

    internal static string Sign(string json, string secret)
    {
        var envelope = Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(envelope))) + "." + envelope;
    }

    internal static string Envelope(string orgId, string oauthToken = "00D!oauth-token-never-in-logs") => JsonSerializer.Serialize(new
    {
        algorithm = "HMACSHA256",
        issuedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        userId = "005000000000001AAA",
        client = new { oauthToken, refreshToken = RefreshToken, instanceId = "_:SalesCoach:", instanceUrl = "https://acme.my.salesforce.com", targetOrigin = "https://acme.my.salesforce.com" },
        context = new
        {
            user = new { userId = "005000000000001AAA", fullName = "Dana Rep", language = "de", locale = "de_DE" },
            organization = new { organizationId = orgId, name = "Acme" },
            environment = new
            {
                displayLocation = "Aura",
                parameters = new { recordId = "006000000000001AAA" },
                record = new { attributes = new { type = "Opportunity" }, Id = "006000000000001AAA" },
            },
        },
    });

    [GeneratedRegex("frame-ancestors ([^;]*)")]
    private static partial Regex FrameAncestorsDirective();

    [GeneratedRegex("<script type=\"application/json\" id=\"salescoach-canvas-config\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ConfigElement();

    private sealed class PublishedSecretFactory(string secret) : SurfacesFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Salesforce:ConsumerSecret"] = secret };
    }
}

public sealed class SqliteSalesforceCanvasTests(SurfacesFactory factory) : SalesforceCanvasTests(factory), IClassFixture<SurfacesFactory>;

public sealed class PostgresSalesforceCanvasTests(PostgresSurfacesFactory factory) : SalesforceCanvasTests(factory), IClassFixture<PostgresSurfacesFactory>;
