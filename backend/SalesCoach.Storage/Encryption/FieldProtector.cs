using System.Security.Cryptography;
using System.Text;

namespace SalesCoach.Storage.Encryption;

/// <summary>
/// Seals individual values with AES-256-GCM. The stored form is
/// <c>v1:&lt;keyId&gt;:&lt;Base64(nonce | tag | ciphertext)&gt;</c>, so a value names the key that sealed it and
/// keys can rotate: new values use the active key, old ones open with the key they name.
/// The tenant id is bound as associated data, so a value copied into another tenant's row does not open.
/// </summary>
public sealed class FieldProtector
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private static readonly System.Buffers.SearchValues<char> Base64Characters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");

    private readonly IReadOnlyDictionary<string, byte[]> _keys;
    private readonly string _activeKeyId;

    public FieldProtector(IReadOnlyDictionary<string, byte[]> keys, string activeKeyId)
    {
        if (!keys.TryGetValue(activeKeyId, out var active) || active.Length != 32)
        {
            throw new ArgumentException($"The active key '{activeKeyId}' must be present and 32 bytes long.", nameof(activeKeyId));
        }

        if (keys.Values.Any(k => k.Length != 32))
        {
            throw new ArgumentException("Every encryption key must be 32 bytes (AES-256).", nameof(keys));
        }

        _keys = keys;
        _activeKeyId = activeKeyId;
    }

    public string ActiveKeyId => _activeKeyId;

    public string Protect(string plaintext, string tenantId)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + TagSize + data.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_activeKeyId], TagSize);
        aes.Encrypt(nonce, data, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(tenantId));
        return $"{Version}:{_activeKeyId}:{Convert.ToBase64String(sealedBytes)}";
    }

    public string Unprotect(string stored, string tenantId)
    {
        var parts = stored.Split(':', 3);
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new CryptographicException("The value is not in the sealed format.");
        }

        if (!_keys.TryGetValue(parts[1], out var key))
        {
            throw new CryptographicException($"The value was sealed with key '{parts[1]}', which is no longer configured.");
        }

        var sealedBytes = Convert.FromBase64String(parts[2]);
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The sealed value is truncated.");
        }

        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(
            sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize),
            plaintext, Encoding.UTF8.GetBytes(tenantId));
        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary>
    /// True when <paramref name="stored"/> has the sealed shape (<c>v1:&lt;keyId&gt;:&lt;Base64&gt;</c>, at least nonce and tag long).
    /// Lets a column that held clear text before it was sealed tell its old rows from new ones; clear prose does not
    /// have this shape (no spaces, Base64 only after the second colon).
    /// </summary>
    public static bool IsSealed(string stored)
    {
        if (!stored.StartsWith("v1:", StringComparison.Ordinal))
        {
            return false;
        }

        var keyEnd = stored.IndexOf(':', 3);
        if (keyEnd <= 3)
        {
            return false;
        }

        var payload = stored.AsSpan(keyEnd + 1);
        return payload.Length >= 40 && payload.Length % 4 == 0 && !stored.AsSpan(3, keyEnd - 3).ContainsAny(' ', '\t')
            && !payload.ContainsAnyExcept(Base64Characters);
    }

    /// <summary>True when the value is sealed with a key other than the active one (re-encryption candidates).</summary>
    public bool NeedsRotation(string stored) => !stored.StartsWith($"{Version}:{_activeKeyId}:", StringComparison.Ordinal);

    public static FieldProtector FromOptions(EncryptionOptions options, string dataDirectory, bool allowDerivedKey)
    {
        if (options.Keys.Count > 0)
        {
            var keys = options.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value));
            return new FieldProtector(keys, options.ActiveKeyId ?? options.Keys.Keys.Order(StringComparer.Ordinal).Last());
        }

        if (!allowDerivedKey)
        {
            throw new InvalidOperationException("Encryption:Keys is empty. Configure at least one 256-bit key (Encryption__Keys__<id>=<Base64>) outside Development.");
        }

        // Development only: a random key kept beside the SQLite file, so data survives restarts of a local run.
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "dev-encryption.key");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }

        return new FieldProtector(new Dictionary<string, byte[]> { ["dev"] = Convert.FromBase64String(File.ReadAllText(path)) }, "dev");
    }
}
