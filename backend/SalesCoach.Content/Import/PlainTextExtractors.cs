using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace SalesCoach.Content.Import;

/// <summary>Markdown, HTML and plain text: decoded as UTF-8 (invalid bytes make the file corrupt) and stripped of markup.</summary>
public static partial class PlainTextExtractors
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new ImportException(ImportFailure.Corrupt, "The file is not valid UTF-8 text.");
        }
    }

    public static ExtractedText Text(byte[] bytes)
    {
        var text = Decode(bytes);
        var title = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        return new ExtractedText(title, text.Trim());
    }

    public static ExtractedText Markdown(byte[] bytes)
    {
        var text = Decode(bytes).Replace("\r\n", "\n", StringComparison.Ordinal);
        var title = HeadingLine().Match(text) is { Success: true } m ? m.Groups[1].Value.Trim() : null;
        text = CodeFence().Replace(text, "");
        text = Image().Replace(text, "$1");
        text = Link().Replace(text, "$1");
        text = HeadingMarks().Replace(text, "");
        text = ListMarks().Replace(text, "");
        text = Emphasis().Replace(text, "");
        return new ExtractedText(title, text.Trim());
    }

    public static ExtractedText Html(byte[] bytes)
    {
        var html = Decode(bytes);
        var title = TitleTag().Match(html) is { Success: true } t ? Clean(t.Groups[1].Value)
            : H1Tag().Match(html) is { Success: true } h ? Clean(h.Groups[1].Value) : null;
        var body = BodyTag().Match(html) is { Success: true } b ? b.Groups[1].Value : html;
        body = ScriptOrStyle().Replace(body, " ");
        body = BlockTag().Replace(body, "\n");
        return new ExtractedText(string.IsNullOrWhiteSpace(title) ? null : title, Clean(body));
    }

    private static string Clean(string fragment)
    {
        var text = WebUtility.HtmlDecode(AnyTag().Replace(fragment, " "));
        return string.Join('\n', text.Split('\n').Select(l => Spaces().Replace(l, " ").Trim()).Where(l => l.Length > 0));
    }

    [GeneratedRegex(@"^#\s+(.+)$", RegexOptions.Multiline, matchTimeoutMilliseconds: 2000)]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline, matchTimeoutMilliseconds: 2000)]
    private static partial Regex CodeFence();

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)", RegexOptions.None, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)", RegexOptions.None, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Link();

    [GeneratedRegex(@"^\s{0,3}(#{1,6}|>)\s*", RegexOptions.Multiline, matchTimeoutMilliseconds: 2000)]
    private static partial Regex HeadingMarks();

    [GeneratedRegex(@"^\s*([-*+]|\d+\.)\s+", RegexOptions.Multiline, matchTimeoutMilliseconds: 2000)]
    private static partial Regex ListMarks();

    [GeneratedRegex(@"(\*\*|__|\*|`|~~)", RegexOptions.None, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 2000)]
    private static partial Regex TitleTag();

    [GeneratedRegex(@"<h1[^>]*>(.*?)</h1>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 2000)]
    private static partial Regex H1Tag();

    [GeneratedRegex(@"<body[^>]*>(.*)</body>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 2000)]
    private static partial Regex BodyTag();

    [GeneratedRegex(@"<(script|style|head)[^>]*>.*?</\1>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 2000)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"</?(p|div|br|li|h[1-6]|tr|section|article|ul|ol|table)[^>]*>", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.None, matchTimeoutMilliseconds: 2000)]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"[ \t\u00a0]+", RegexOptions.None, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Spaces();
}
