namespace SalesCoach.Storage.Texts;

/// <summary>
/// One text the product wrote in the reader's language, with the stable code and the parameters (invariant strings) it
/// was written from, so an adapter can word it itself and analytics can count codes instead of parsing text.
/// </summary>
public sealed record LocalizedText(string Code, IReadOnlyDictionary<string, string> Params, string Text)
{
    private static readonly IReadOnlyDictionary<string, string> NoParams = new Dictionary<string, string>(StringComparer.Ordinal).AsReadOnly();

    public static LocalizedText Create(string code, string text, params ReadOnlySpan<(string Key, string Value)> parameters)
    {
        if (parameters.IsEmpty)
        {
            return new LocalizedText(code, NoParams, text);
        }

        var map = new Dictionary<string, string>(parameters.Length, StringComparer.Ordinal);
        foreach (var (key, value) in parameters)
        {
            map[key] = value;
        }

        return new LocalizedText(code, map, text);
    }
}
