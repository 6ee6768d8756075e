namespace SalesCoach.Storage.Texts;

/// <summary>
/// Texts written per language, looked up as "this language, else English": "fr-CA" and "zh-Hans-CN" resolve to their
/// base language, anything else (or none) to English, which every table has.
/// </summary>
public sealed class TextsByLanguage<T>
{
    private const string EnglishCode = "en";

    private readonly Dictionary<string, T> _texts;

    public TextsByLanguage(Dictionary<string, T> texts)
    {
        _texts = new Dictionary<string, T>(texts, StringComparer.OrdinalIgnoreCase);
        English = _texts.TryGetValue(EnglishCode, out var english)
            ? english
            : throw new ArgumentException("Texts by language need English, the fallback.", nameof(texts));
    }

    public T English { get; }

    public T For(string? language) => _texts.TryGetValue((language ?? "").Split('-', '_')[0], out var texts) ? texts : English;
}
