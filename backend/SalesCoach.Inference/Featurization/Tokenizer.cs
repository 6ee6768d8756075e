using System.Globalization;

namespace SalesCoach.Inference.Featurization;

internal enum TokenKind
{
    Word,
    Number,
    Url,
    Email,
    Han,
    Punctuation,
}

/// <summary>
/// Splits lower-cased, NFKC text into tokens without allocating: letter/digit runs (inner
/// apostrophes kept), numbers (1,000.50 is one number), URLs and e-mails (whole
/// whitespace-separated chunks), each Han/kana character on its own, and '?' / '!'. Other punctuation is skipped,
/// but <see cref="AfterBreak"/> tells whether a clause mark was skipped before the token (negation scope ends there).
/// </summary>
internal ref struct Tokenizer(ReadOnlySpan<char> text)
{
    private const int HanContextChars = 4;
    private readonly ReadOnlySpan<char> _text = text;
    private int _position;
    private int _hanRunStart = -1;

    /// <summary>A clause mark (comma, full stop, colon, semicolon, bracket, dash, ...) lies between the previous token and this one.</summary>
    public bool AfterBreak { get; private set; }

    /// <summary>The text after the current token.</summary>
    public readonly ReadOnlySpan<char> Rest => _text[_position..];

    public bool Next(out ReadOnlySpan<char> token, out TokenKind kind)
    {
        AfterBreak = false;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (IsHan(c))
            {
                if (_hanRunStart < 0 || _position == 0 || !IsHan(_text[_position - 1]))
                {
                    _hanRunStart = _position;
                }

                token = _text.Slice(_position++, 1);
                kind = TokenKind.Han;
                return true;
            }

            if (char.IsWhiteSpace(c))
            {
                _position++;
                continue;
            }

            if ((_position == 0 || char.IsWhiteSpace(_text[_position - 1])) && TryChunk(out token, out kind))
            {
                return true;
            }

            if (c is '?' or '!')
            {
                token = _text.Slice(_position++, 1);
                kind = TokenKind.Punctuation;
                return true;
            }

            if (IsWordChar(c))
            {
                token = ReadWord(out kind);
                return true;
            }

            AfterBreak |= IsBreak(c);
            _position++;
        }

        token = default;
        kind = default;
        return false;
    }

    /// <summary>The Han characters that end at <paramref name="token"/> within its run.</summary>
    public readonly ReadOnlySpan<char> HanContext()
    {
        var end = _position;
        var start = Math.Max(_hanRunStart, end - HanContextChars);
        return _text[start..end];
    }

    private bool TryChunk(out ReadOnlySpan<char> token, out TokenKind kind)
    {
        var end = _position;
        while (end < _text.Length && !char.IsWhiteSpace(_text[end]))
        {
            end++;
        }

        var chunk = _text[_position..end];
        kind = chunk.StartsWith("http://") || chunk.StartsWith("https://") || chunk.StartsWith("www.")
            ? TokenKind.Url
            : IsEmail(chunk) ? TokenKind.Email : TokenKind.Word;
        if (kind == TokenKind.Word)
        {
            token = default;
            return false;
        }

        token = chunk;
        _position = end;
        return true;
    }

    private ReadOnlySpan<char> ReadWord(out TokenKind kind)
    {
        var start = _position;
        var letters = false;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (IsWordChar(c) && !IsHan(c))
            {
                letters |= !char.IsDigit(c);
                _position++;
            }
            else if (IsJoiner(c) && _position + 1 < _text.Length && _position > start
                && IsJoinable(_text[_position - 1], _text[_position + 1], c))
            {
                _position++;
            }
            else
            {
                break;
            }
        }

        kind = letters ? TokenKind.Word : TokenKind.Number;
        return _text[start.._position];
    }

    // Apostrophes join letters (don't, l'homme); separators join digits (1,000.50, 10:30).
    private static bool IsJoiner(char c) => c is '\'' or '\u2019' or '.' or ',' or ':';

    private static bool IsJoinable(char before, char after, char joiner) => joiner is '\'' or '\u2019'
        ? char.IsLetter(before) && char.IsLetter(after)
        : char.IsDigit(before) && char.IsDigit(after);

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static bool IsBreak(char c) => c is ',' or '.' or ';' or ':' or '(' or ')' or '[' or ']' or '\u2026' or '\u2013' or '\u2014'
        or '\u00BF' or '\u00A1' or '\u00AB' or '\u00BB' or '\u3001' or '\u3002';

    private static bool IsEmail(ReadOnlySpan<char> chunk)
    {
        var at = chunk.IndexOf('@');
        return at > 0 && chunk[(at + 1)..].IndexOf('.') > 0;
    }

    public static bool IsHan(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF')
        or (>= '\uF900' and <= '\uFAFF') or (>= '\u3040' and <= '\u30FF');
}
