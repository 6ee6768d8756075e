using System.Security.Cryptography;
using SalesCoach.Storage.Encryption;

namespace SalesCoach.Storage.Tests.Encryption;

public sealed class FieldProtectorTests
{
    private static readonly byte[] KeyA = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] KeyB = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Protect_ThenUnprotect_RoundTripsAndHidesPlaintext()
    {
        var protector = new FieldProtector(new Dictionary<string, byte[]> { ["a"] = KeyA }, "a");

        var sealedValue = protector.Protect("the customer said: too expensive", "tenant-1");

        Assert.DoesNotContain("expensive", sealedValue);
        Assert.StartsWith("v1:a:", sealedValue);
        Assert.Equal("the customer said: too expensive", protector.Unprotect(sealedValue, "tenant-1"));
    }

    [Fact]
    public void Unprotect_OtherTenant_Fails()
    {
        var protector = new FieldProtector(new Dictionary<string, byte[]> { ["a"] = KeyA }, "a");
        var sealedValue = protector.Protect("secret", "tenant-1");

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(sealedValue, "tenant-2"));
    }

    [Fact]
    public void Unprotect_TamperedValue_Fails()
    {
        var protector = new FieldProtector(new Dictionary<string, byte[]> { ["a"] = KeyA }, "a");
        var sealedValue = protector.Protect("secret", "t");
        var bytes = Convert.FromBase64String(sealedValue["v1:a:".Length..]);
        bytes[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect("v1:a:" + Convert.ToBase64String(bytes), "t"));
    }

    [Fact]
    public void Rotation_NewActiveKey_OldValuesStillOpenAndAreFlagged()
    {
        var before = new FieldProtector(new Dictionary<string, byte[]> { ["a"] = KeyA }, "a");
        var old = before.Protect("kept", "t");
        var after = new FieldProtector(new Dictionary<string, byte[]> { ["a"] = KeyA, ["b"] = KeyB }, "b");

        Assert.Equal("kept", after.Unprotect(old, "t"));
        Assert.True(after.NeedsRotation(old));
        Assert.False(after.NeedsRotation(after.Protect("new", "t")));
    }

    [Fact]
    public void Unprotect_KeyRemoved_FailsWithClearMessage()
    {
        var old = new FieldProtector(new Dictionary<string, byte[]> { ["a"] = KeyA }, "a").Protect("x", "t");
        var withoutA = new FieldProtector(new Dictionary<string, byte[]> { ["b"] = KeyB }, "b");

        var error = Assert.ThrowsAny<CryptographicException>(() => withoutA.Unprotect(old, "t"));
        Assert.Contains("'a'", error.Message);
    }

    [Fact]
    public void Constructor_ShortKey_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new FieldProtector(new Dictionary<string, byte[]> { ["a"] = new byte[16] }, "a"));
    }
}
