using System.Globalization;
using System.Text;

namespace SalesCoach.Coaching.Analytics;

/// <summary>RFC 4180 reports: a header row, CRLF line ends, invariant numbers, empty cells for "no value".</summary>
public static class CoachingCsv
{
    public static string Reps(IEnumerable<RepReport> rows)
    {
        var csv = new StringBuilder();
        Line(csv, "repId", "interactions", "completed", "averageTalkShare", "averageLongestMonologueMs", "questionsPerInteraction",
            "fillerWordsPerMinute", "tipsShown", "tipsHelpful", "tipsNotHelpful", "noNextStepShare");
        foreach (var r in rows)
        {
            Line(csv, Text(r.RepId), Number(r.Interactions), Number(r.Completed), Number(r.AverageTalkShare), Number(r.AverageLongestMonologueMs),
                Number(r.QuestionsPerInteraction), Number(r.FillerWordsPerMinute), Number(r.TipsShown), Number(r.TipsHelpful),
                Number(r.TipsNotHelpful), Number(r.NoNextStepShare));
        }

        return csv.ToString();
    }

    /// <summary>One row per tip kind, then a row whose kind is <c>total</c>.</summary>
    public static string Adoption(AdoptionReport report)
    {
        var csv = new StringBuilder();
        Line(csv, "kind", "interactions", "shown", "helpful", "notHelpful", "helpfulRate", "interactionsWithHelpfulTip");
        foreach (var k in report.Kinds)
        {
            Line(csv, Text(k.Kind), Number(k.Interactions), Number(k.Shown), Number(k.Helpful), Number(k.NotHelpful), Number(k.HelpfulRate),
                Number(k.InteractionsWithHelpfulTip));
        }

        var t = report.Totals;
        Line(csv, "total", Number(t.Interactions), Number(t.Shown), Number(t.Helpful), Number(t.NotHelpful), Number(t.HelpfulRate),
            Number(t.InteractionsWithHelpfulTip));
        return csv.ToString();
    }

    private static void Line(StringBuilder csv, params string[] fields) => csv.Append(string.Join(',', fields)).Append("\r\n");

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double? value) => value is { } v ? Math.Round(v, 4).ToString("0.####", CultureInfo.InvariantCulture) : "";

    /// <summary>Quotes what RFC 4180 requires, and defuses text a spreadsheet would run as a formula (rep ids come from CRMs).</summary>
    private static string Text(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
