using System.ComponentModel.DataAnnotations;

namespace SalesCoach.Storage.Encryption;

/// <summary>
/// Configuration section <c>Encryption</c>: the keys that protect transcripts, CRM tokens and
/// secrets at rest. <c>Keys</c> maps a key id to a Base64 256-bit key; <c>ActiveKeyId</c> names
/// the one new data is sealed with. Old keys stay listed until re-encryption has moved their data.
/// Without keys (Development only) a key is derived per data directory so a local run works.
/// </summary>
public sealed class EncryptionOptions
{
    public const string Section = "Encryption";

    public Dictionary<string, string> Keys { get; set; } = [];

    [RegularExpression("^[A-Za-z0-9_-]{1,32}$", ErrorMessage = "Encryption:ActiveKeyId must be 1-32 letters, digits, '-' or '_'.")]
    public string? ActiveKeyId { get; set; }
}
