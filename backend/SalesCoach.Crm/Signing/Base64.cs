namespace SalesCoach.Crm.Signing;

/// <summary>Decodes standard or URL-safe Base64, padded or not; Salesforce sends standard, padded.</summary>
public static class Base64
{
    public static byte[]? TryDecode(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        var normalized = value.Replace('-', '+').Replace('_', '/');
        normalized = (normalized.Length % 4) switch
        {
            0 => normalized,
            2 => normalized + "==",
            3 => normalized + "=",
            _ => null,
        };
        if (normalized is null)
        {
            return null;
        }

        var buffer = new byte[normalized.Length / 4 * 3];
        return Convert.TryFromBase64String(normalized, buffer, out var written) ? buffer[..written] : null;
    }
}
