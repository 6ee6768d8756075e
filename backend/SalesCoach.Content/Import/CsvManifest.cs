using System.Text;

namespace SalesCoach.Content.Import;

/// <summary>
/// A CSV manifest for bulk import: a header row, then one row per file. Columns: path (required,
/// relative to the manifest), title, summary, url, type, language, externalId, tags, industries,
/// products, stages, personas, competitors (list columns separated by ';').
/// </summary>
public static class CsvManifest
{
    public static List<Dictionary<string, string>> Read(string text)
    {
        var rows = Parse(text);
        if (rows.Count == 0)
        {
            throw new InvalidDataException("The manifest is empty.");
        }

        var header = rows[0].Select(h => h.Trim()).ToArray();
        if (!header.Contains("path", StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidDataException("The manifest needs a 'path' column.");
        }

        return [.. rows.Skip(1).Where(r => r.Any(f => f.Length > 0)).Select(r =>
            header.Select((h, i) => (h, v: i < r.Count ? r[i].Trim() : "")).ToDictionary(x => x.h, x => x.v, StringComparer.OrdinalIgnoreCase))];
    }

    /// <summary>RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.</summary>
    private static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString().TrimEnd('\r'));
            rows.Add(row);
        }

        return rows;
    }
}
