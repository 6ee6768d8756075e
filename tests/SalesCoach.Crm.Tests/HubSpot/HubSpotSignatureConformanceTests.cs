using System.Text;
using SalesCoach.Crm.HubSpot;
using SalesCoach.Crm.Tests.Fakes;
using SalesCoach.TestSupport;

namespace SalesCoach.Crm.Tests.HubSpot;

/// <summary>Our v3 signatures against <c>@hubspot/api-client</c>'s <c>Signature</c> helper, run in node.</summary>
public sealed class HubSpotSignatureConformanceTests
{
    private const string Secret = "d7c1a2b4-5e6f-4a1b-9c8d-1234567890ab";
    private const string Url = "https://coach.example.com/hubspot/api/v1/interactions?userId=42&userEmail=rep@example.com&portalId=7001";
    private const string Body = """{"crm":"hubspot","recordType":"deals","recordId":"9001","language":"de"}""";
    private const long FixedTimestamp = 1_700_000_000_000;

    [Fact]
    public async Task Compute_FixedVector_EqualsTheHelpersSignature()
    {
        var peer = await PeerSignAsync("POST", Url, Body, FixedTimestamp);

        Assert.Equal(peer, HubSpotSignature.Compute(Secret, "POST", Url, Encoding.UTF8.GetBytes(Body), "1700000000000"));
    }

    [Fact]
    public async Task Verify_FixedVectorSignedByTheHelper_IsAcceptedAtItsTime()
    {
        var peer = await PeerSignAsync("POST", Url, Body, FixedTimestamp);
        var signature = NewSignature(DateTimeOffset.FromUnixTimeMilliseconds(FixedTimestamp).AddSeconds(3));

        Assert.Equal(HubSpotSignatureFailure.None, signature.Verify(Secret, "POST", Url, Encoding.UTF8.GetBytes(Body), "1700000000000", peer));
    }

    [Theory]
    [InlineData("GET", "https://coach.example.com/hubspot/ping?portalId=7001&userId=1", "")]
    [InlineData("POST", Url, Body)]
    [InlineData("POST", "https://coach.example.com/hubspot/api/v1/recommendations?portalId=7001", """{"conversation":["Es ist zu teuer, ¿verdad? 太贵了"]}""")]
    public async Task Verify_FreshRequestSignedByTheHelper_IsAcceptedAndOursIsAcceptedByTheHelper(string method, string url, string body)
    {
        var now = DateTimeOffset.UtcNow;
        var timestamp = now.ToUnixTimeMilliseconds();
        var peer = await PeerSignAsync(method, url, body, timestamp);
        var ours = HubSpotSignature.Compute(Secret, method, url, Encoding.UTF8.GetBytes(body), timestamp.ToString());

        Assert.Equal(HubSpotSignatureFailure.None, NewSignature(now).Verify(Secret, method, url, Encoding.UTF8.GetBytes(body), timestamp.ToString(), peer));
        var verdict = await ConformancePeers.RunAsync("hubspot-signature.mjs", new
        {
            mode = "verify", clientSecret = Secret, method, url, body, timestamp, signature = ours,
        });
        Assert.True(verdict.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Verify_StaleFutureTamperedOrReplayed_IsRejected()
    {
        var sent = DateTimeOffset.FromUnixTimeMilliseconds(FixedTimestamp);
        var peer = await PeerSignAsync("POST", Url, Body, FixedTimestamp);
        var body = Encoding.UTF8.GetBytes(Body);

        Assert.Equal(HubSpotSignatureFailure.Stale, NewSignature(sent.AddMinutes(5).AddSeconds(1)).Verify(Secret, "POST", Url, body, "1700000000000", peer));
        Assert.Equal(HubSpotSignatureFailure.FromTheFuture, NewSignature(sent.AddMinutes(-5).AddSeconds(-1)).Verify(Secret, "POST", Url, body, "1700000000000", peer));
        var atSendTime = NewSignature(sent);
        Assert.Equal(HubSpotSignatureFailure.BadSignature, atSendTime.Verify(Secret, "POST", Url + "9", body, "1700000000000", peer));
        Assert.Equal(HubSpotSignatureFailure.BadSignature, atSendTime.Verify(Secret, "POST", Url, Encoding.UTF8.GetBytes(Body.Replace("de", "en")), "1700000000000", peer));
        Assert.Equal(HubSpotSignatureFailure.BadSignature, atSendTime.Verify(Secret, "PUT", Url, body, "1700000000000", peer));
        Assert.Equal(HubSpotSignatureFailure.BadSignature, atSendTime.Verify(Secret + "x", "POST", Url, body, "1700000000000", peer));
        Assert.Equal(HubSpotSignatureFailure.None, atSendTime.Verify(Secret, "POST", Url, body, "1700000000000", peer));
        Assert.Equal(HubSpotSignatureFailure.Replayed, atSendTime.Verify(Secret, "POST", Url, body, "1700000000000", peer));
    }

    [Fact]
    public async Task Verify_PercentEncodedReservedCharacters_MatchTheDecodedUriHubSpotSigns()
    {
        // HubSpot signs the URI with these escapes decoded; the request arrives with them encoded.
        const string decoded = "https://coach.example.com/hubspot/ping?userEmail=rep@example.com&portalId=7001";
        const string encoded = "https://coach.example.com/hubspot/ping?userEmail=rep%40example.com&portalId=7001";
        var now = DateTimeOffset.UtcNow;
        var peer = await PeerSignAsync("GET", decoded, "", now.ToUnixTimeMilliseconds());

        Assert.Equal(HubSpotSignatureFailure.None, NewSignature(now).Verify(Secret, "GET", encoded, [], now.ToUnixTimeMilliseconds().ToString(), peer));

        // A signer that kept the URI exactly as called covers the same request and is accepted as well.
        var raw = await PeerSignAsync("GET", encoded, "", now.ToUnixTimeMilliseconds());
        Assert.Equal(HubSpotSignatureFailure.None, NewSignature(now).Verify(Secret, "GET", encoded, [], now.ToUnixTimeMilliseconds().ToString(), raw));
        Assert.Equal(HubSpotSignatureFailure.BadSignature, NewSignature(now).Verify(Secret, "GET", encoded.Replace("7001", "7002"), [], now.ToUnixTimeMilliseconds().ToString(), raw));
    }

    [Fact]
    public void Verify_MissingOrMalformedHeaders_IsRejected()
    {
        var signature = NewSignature(DateTimeOffset.UtcNow);

        Assert.Equal(HubSpotSignatureFailure.Missing, signature.Verify(Secret, "GET", Url, [], null, "abc"));
        Assert.Equal(HubSpotSignatureFailure.Missing, signature.Verify(Secret, "GET", Url, [], "1", null));
        Assert.Equal(HubSpotSignatureFailure.BadTimestamp, signature.Verify(Secret, "GET", Url, [], "-5", "abc"));
        Assert.Equal(HubSpotSignatureFailure.BadTimestamp, signature.Verify(Secret, "GET", Url, [], "17e11", "abc"));
    }

    private static HubSpotSignature NewSignature(DateTimeOffset now)
    {
        var time = new ManualTimeProvider(now);
        return new HubSpotSignature(time, new SignatureReplayCache(time));
    }

    private static async Task<string> PeerSignAsync(string method, string url, string body, long timestamp)
    {
        var result = await ConformancePeers.RunAsync("hubspot-signature.mjs", new { mode = "sign", clientSecret = Secret, method, url, body, timestamp });
        return result.GetProperty("signature").GetString()!;
    }
}
