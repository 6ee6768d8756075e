using System.Text.RegularExpressions;

namespace SalesCoach.Coaching.Interactions;

/// <summary>
/// Removes emails, card numbers and phone numbers before a segment is stored. Cards are
/// 13-19 digits (spaces or dashes allowed) that pass the Luhn check, so order numbers of
/// that length survive; phone numbers are 7-15 digits with the usual separators.
/// </summary>
public static partial class PiiRedactor
{
    public const string Email = "[email]";
    public const string Card = "[card]";
    public const string Phone = "[phone]";

    public static string Redact(string text)
    {
        if (!text.Any(char.IsAsciiDigit) && !text.Contains('@'))
        {
            return text;
        }

        var result = EmailPattern().Replace(text, Email);
        result = CardPattern().Replace(result, m => Luhn(m.Value) ? Card : m.Value);
        result = PhonePattern().Replace(result, m => CountDigits(m.Value) is >= 7 and <= 15 ? Phone : m.Value);
        return result;
    }

    private static int CountDigits(string value) => value.Count(char.IsAsciiDigit);

    private static bool Luhn(string value)
    {
        var digits = value.Where(char.IsAsciiDigit).Select(c => c - '0').ToArray();
        if (digits.Length is < 13 or > 19)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i];
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, 200)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<!\d)\d(?:[ \-]?\d){12,18}(?!\d)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex CardPattern();

    [GeneratedRegex(@"(?<![0-9A-Za-z])\+?\(?\d[\d\s\-\.\(\)]{5,20}\d(?!\d)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex PhonePattern();
}
