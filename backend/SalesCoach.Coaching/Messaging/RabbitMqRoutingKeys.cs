using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SalesCoach.Coaching.Messaging;

/// <summary>
/// Routing key of one interaction: <c>k.&lt;tenant&gt;.&lt;interaction&gt;</c>, each id as unpadded Base64url of its UTF-8
/// bytes. That alphabet has no '.', '*' or '#', so no id can reach into another tenant's key or act as a wildcard,
/// and the encoding is one-to-one. Keys that would pass AMQP's 255-byte limit use a SHA-256 of both ids instead
/// (<c>h.&lt;hash&gt;</c>); receivers check the ids inside the message either way.
/// </summary>
public static class RabbitMqRoutingKeys
{
    private const int MaxLength = 255;

    public static string For(string tenantId, string interactionId)
    {
        var key = $"k.{Encode(tenantId)}.{Encode(interactionId)}";
        if (key.Length <= MaxLength)
        {
            return key;
        }

        var tenant = Encoding.UTF8.GetBytes(tenantId);
        var both = new byte[4 + tenant.Length + Encoding.UTF8.GetByteCount(interactionId)];
        BitConverter.TryWriteBytes(both, tenant.Length);
        tenant.CopyTo(both, 4);
        Encoding.UTF8.GetBytes(interactionId, both.AsSpan(4 + tenant.Length));
        return "h." + Base64Url.EncodeToString(SHA256.HashData(both));
    }

    private static string Encode(string id) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(id));
}
