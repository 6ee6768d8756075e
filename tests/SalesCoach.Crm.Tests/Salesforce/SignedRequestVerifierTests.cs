using System.Security.Cryptography;
using System.Text;
using SalesCoach.Crm.Salesforce;
using SalesCoach.Crm.Tests.Fakes;

namespace SalesCoach.Crm.Tests.Salesforce;

public sealed class SignedRequestVerifierTests
{
    private const string Secret = "unit-test-consumer-secret";
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private readonly SignedRequestVerifier _verifier = new(new ManualTimeProvider(Now));

    [Fact]
    public void Verify_ValidRequest_ReadsOrgUserAndRecord()
    {
        var result = _verifier.Verify(Sign(Envelope()), Secret);

        Assert.Equal(SignedRequestFailure.None, result.Failure);
        var request = Assert.IsType<CanvasRequest>(result.Request);
        Assert.Equal("00D000000000001AAA", request.OrganizationId);
        Assert.Equal("005000000000001AAA", request.UserId);
        Assert.Equal("fr_FR", request.Language);
        Assert.Equal("Opportunity", request.RecordType);
        Assert.Equal("006000000000001AAA", request.RecordId);
        Assert.Equal("https://acme.my.salesforce.com", request.InstanceUrl);
    }

    [Fact]
    public void Verify_UrlSafeUnpaddedSignature_IsAccepted()
    {
        var envelope = Encode(Envelope());
        var signature = Convert.ToBase64String(Hmac(envelope, Secret)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.True(_verifier.Verify($"{signature}.{envelope}", Secret).IsValid);
    }

    [Fact]
    public void Verify_SignatureOverReEncodedEnvelope_IsRejected()
    {
        // The HMAC covers the envelope string as received: re-encoding it URL-safe changes the bytes signed.
        var json = Envelope("\"fullName\":\"Zoë >> Ünal ??\",");
        var standard = Encode(json);
        var urlSafe = standard.Replace('+', '-').Replace('/', '_').TrimEnd('=');
        Assert.NotEqual(standard, urlSafe);
        var signature = Convert.ToBase64String(Hmac(standard, Secret));

        Assert.True(_verifier.Verify($"{signature}.{standard}", Secret).IsValid);
        Assert.Equal(SignedRequestFailure.BadSignature, _verifier.Verify($"{signature}.{urlSafe}", Secret).Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-dot-at-all")]
    [InlineData(".envelope")]
    [InlineData("signature.")]
    public void Verify_MalformedInput_IsRejected(string signedRequest) =>
        Assert.False(_verifier.Verify(signedRequest, Secret).IsValid);

    [Fact]
    public void Verify_OtherSecret_IsRejected() =>
        Assert.Equal(SignedRequestFailure.BadSignature, _verifier.Verify(Sign(Envelope()), Secret + "x").Failure);

    [Fact]
    public void Verify_ValidSignatureOtherAlgorithm_IsRejected() =>
        Assert.Equal(SignedRequestFailure.UnsupportedAlgorithm, _verifier.Verify(Sign(Envelope(algorithm: "HMACSHA1")), Secret).Failure);

    [Fact]
    public void Verify_SecondDotInEnvelope_IsPartOfTheSignedEnvelope()
    {
        // Split on the first '.': a dot in the envelope belongs to it and is covered by the HMAC.
        var envelope = Encode(Envelope()) + ".extra";
        var signature = Convert.ToBase64String(Hmac(envelope, Secret));

        Assert.Equal(SignedRequestFailure.Malformed, _verifier.Verify($"{signature}.{envelope}", Secret).Failure);
        Assert.Equal(SignedRequestFailure.BadSignature, _verifier.Verify($"{signature}.{Encode(Envelope())}", Secret).Failure);
    }

    [Fact]
    public void Verify_IssuedFarInTheFuture_IsRejected()
    {
        var future = Now.AddHours(1).ToUnixTimeSeconds();

        Assert.Equal(SignedRequestFailure.IssuedInFuture, _verifier.Verify(Sign(Envelope(issuedAt: future)), Secret).Failure);
    }

    [Fact]
    public void Verify_OlderThanConfiguredMaxAge_IsRejected()
    {
        var old = Sign(Envelope(issuedAt: Now.AddHours(-3).ToUnixTimeSeconds()));

        Assert.True(_verifier.Verify(old, Secret).IsValid);
        Assert.Equal(SignedRequestFailure.Expired, _verifier.Verify(old, Secret, TimeSpan.FromHours(2)).Failure);
    }

    [Fact]
    public void Verify_MissingOrganization_IsRejected() =>
        Assert.Equal(SignedRequestFailure.MissingOrganization,
            _verifier.Verify(Sign("""{"algorithm":"HMACSHA256","userId":"005","context":{}}"""), Secret).Failure);

    internal static string Sign(string json, string secret = Secret)
    {
        var envelope = Encode(json);
        return Convert.ToBase64String(Hmac(envelope, secret)) + "." + envelope;
    }

    private static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    private static byte[] Hmac(string envelope, string secret) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(envelope));

    private static string Envelope(string extraUser = "", string algorithm = "HMACSHA256", long? issuedAt = null) =>
        """
        {"algorithm":"ALGORITHM","issuedAt":ISSUED_AT,"userId":"005000000000001AAA",
         "client":{"oauthToken":"00D!secret-token","instanceUrl":"https://acme.my.salesforce.com","targetOrigin":"https://acme.lightning.force.com"},
         "context":{"user":{EXTRA_USER"userId":"005000000000001AAA","language":"fr_FR","locale":"fr_FR"},
          "organization":{"organizationId":"00D000000000001AAA"},
          "environment":{"displayLocation":"Aura","parameters":{"recordId":"006000000000001AAA"},
           "record":{"attributes":{"type":"Opportunity","url":"/services/data/v62.0/sobjects/Opportunity/006000000000001AAA"},"Id":"006000000000001AAA"}}}}
        """
        .Replace("ALGORITHM", algorithm, StringComparison.Ordinal)
        .Replace("ISSUED_AT", (issuedAt ?? Now.AddMinutes(-1).ToUnixTimeSeconds()).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("EXTRA_USER", extraUser, StringComparison.Ordinal);
}
