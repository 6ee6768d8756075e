using System.Globalization;
using System.Text;

namespace SalesCoach.Content.Analytics;

public static class CsvReport
{
    public static string Performance(IEnumerable<ContentPerformance> rows)
    {
        var csv = new StringBuilder("contentId,title,type,impressions,opens,shares,used,helpful,notHelpful,dealsUsedIn,dealsWonWhereUsed\n");
        foreach (var r in rows)
        {
            csv.AppendLine(string.Join(',',
                Field(r.ContentId), Field(r.Title), Field(r.Type),
                Number(r.Impressions), Number(r.Opens), Number(r.Shares), Number(r.Used), Number(r.Helpful), Number(r.NotHelpful),
                Number(r.DealsUsedIn), Number(r.DealsWonWhereUsed)));
        }

        return csv.ToString();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 quoting, and a leading quote mark on text a spreadsheet would run as a formula.</summary>
    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
