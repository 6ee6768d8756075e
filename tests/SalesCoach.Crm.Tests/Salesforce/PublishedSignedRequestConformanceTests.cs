using SalesCoach.Crm.Salesforce;
using SalesCoach.TestSupport;

namespace SalesCoach.Crm.Tests.Salesforce;

/// <summary>The published example of the npm package <c>salesforce-signed-request</c>: a real request and its secret.</summary>
public sealed class PublishedSignedRequestConformanceTests
{
    private readonly SignedRequestVerifier _verifier = new(TimeProvider.System);

    [Fact]
    public async Task Verify_PublishedRequest_IsAcceptedAndRead()
    {
        var (signedRequest, secret) = await PublishedAsync();

        var result = _verifier.Verify(signedRequest, secret);

        Assert.Equal(SignedRequestFailure.None, result.Failure);
        Assert.Equal("00DR00000008bPCMAY", result.Request!.OrganizationId);
        Assert.Equal("005R0000000DgJA", result.Request.UserId);
        Assert.Equal("https://mobile1.t.salesforce.com", result.Request.InstanceUrl);
    }

    [Fact]
    public async Task Verify_PublishedRequestWithOneByteChanged_IsRejectedAtEveryPosition()
    {
        var (signedRequest, secret) = await PublishedAsync();

        // Every 7th position across signature, separator and envelope: each change must fail.
        for (var i = 0; i < signedRequest.Length; i += 7)
        {
            var tampered = signedRequest[..i] + (signedRequest[i] == 'A' ? 'B' : 'A') + signedRequest[(i + 1)..];
            Assert.False(_verifier.Verify(tampered, secret).IsValid, $"a change at position {i} was accepted");
        }
    }

    [Fact]
    public async Task Verify_PublishedRequestWithAnotherSecret_IsRejected()
    {
        var (signedRequest, secret) = await PublishedAsync();

        Assert.Equal(SignedRequestFailure.BadSignature, _verifier.Verify(signedRequest, secret + "0").Failure);
        Assert.Equal(SignedRequestFailure.BadSignature, _verifier.Verify(signedRequest, "another-consumer-secret").Failure);
    }

    [Fact]
    public async Task Sign_OurRequests_AreAcceptedByThePackagesDecoder()
    {
        var ours = SignedRequestVerifierTests.Sign("""{"algorithm":"HMACSHA256","userId":"005x","context":{"organization":{"organizationId":"00Dx"}}}""", "peer-secret");

        var peer = await ConformancePeers.RunAsync("salesforce-signed-request.mjs", new { signedRequest = ours, secret = "peer-secret" }, "decode");
        var peerWrongSecret = await ConformancePeers.RunAsync("salesforce-signed-request.mjs", new { signedRequest = ours, secret = "other" }, "decode");

        Assert.True(peer.GetProperty("valid").GetBoolean());
        Assert.False(peerWrongSecret.GetProperty("valid").GetBoolean());
    }

    private static async Task<(string SignedRequest, string Secret)> PublishedAsync()
    {
        var published = await ConformancePeers.RunAsync("salesforce-signed-request.mjs");
        return (published.GetProperty("signedRequest").GetString()!, published.GetProperty("secret").GetString()!);
    }
}
