using System.IO.Compression;
using System.Text;
using System.Xml;

namespace SalesCoach.Content.Import;

/// <summary>
/// Text from Office Open XML packages read as what they are, zip archives of XML parts:
/// word/document.xml paragraphs for DOCX; for PPTX the slides in the order
/// ppt/presentation.xml lists them, then each slide's speaker notes. Reading is bounded
/// (part count and inflated size) so a zip bomb is refused, and XML never resolves DTDs.
/// </summary>
public static class OfficeTextExtractor
{
    private const string WordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string DrawingNs = "http://schemas.openxmlformats.org/drawingml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const long MaxInflatedBytes = 64L * 1024 * 1024;
    private const int MaxParts = 5_000;

    public static ExtractedText Docx(Stream file)
    {
        using var zip = Open(file);
        var paragraphs = Paragraphs(ReadPart(zip, "word/document.xml"), WordNs, "p", "t", ["tab", "br"]);
        var title = CoreTitle(zip) ?? paragraphs.FirstOrDefault();
        return new ExtractedText(title, string.Join('\n', paragraphs));
    }

    public static ExtractedText Pptx(Stream file)
    {
        using var zip = Open(file);
        var slides = SlideParts(zip);
        var text = new StringBuilder();
        string? firstLine = null;
        foreach (var slide in slides)
        {
            var paragraphs = Paragraphs(ReadPart(zip, slide), DrawingNs, "p", "t", ["br"]);
            firstLine ??= paragraphs.FirstOrDefault();
            text.AppendJoin('\n', paragraphs).Append("\n\n");
            if (Related(zip, slide, "/notesSlide") is { } notes && zip.GetEntry(notes) is not null)
            {
                // Notes repeat the slide number and title placeholders; their body text is what a presenter says.
                var noteText = Paragraphs(ReadPart(zip, notes), DrawingNs, "p", "t", ["br"]).Where(p => !int.TryParse(p, out _));
                text.AppendJoin('\n', noteText).Append("\n\n");
            }
        }

        return new ExtractedText(CoreTitle(zip) ?? firstLine, text.ToString().Trim());
    }

    private static ZipArchive Open(Stream file)
    {
        try
        {
            var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxParts || zip.Entries.Sum(e => e.Length) > MaxInflatedBytes)
            {
                throw new ImportException(ImportFailure.TooLarge, "The document unpacks to more than the import limit.");
            }

            return zip;
        }
        catch (InvalidDataException)
        {
            throw new ImportException(ImportFailure.Corrupt, "The file is not a valid Office Open XML package (not a readable zip archive).");
        }
    }

    private static List<string> SlideParts(ZipArchive zip)
    {
        var presentation = ReadPart(zip, "ppt/presentation.xml");
        var ids = presentation.GetElementsByTagName("sldId", "http://schemas.openxmlformats.org/presentationml/2006/main")
            .Cast<XmlElement>().Select(e => e.GetAttribute("id", RelNs)).ToList();
        var rels = Relationships(zip, "ppt/_rels/presentation.xml.rels");
        return [.. ids.Where(rels.ContainsKey).Select(id => Resolve("ppt", rels[id]))];
    }

    private static string? Related(ZipArchive zip, string part, string typeSuffix)
    {
        var folder = Path.GetDirectoryName(part)!.Replace('\\', '/');
        var relsPath = $"{folder}/_rels/{Path.GetFileName(part)}.rels";
        if (zip.GetEntry(relsPath) is null)
        {
            return null;
        }

        var doc = ReadPart(zip, relsPath);
        var target = doc.GetElementsByTagName("Relationship", PackageRelNs).Cast<XmlElement>()
            .FirstOrDefault(r => r.GetAttribute("Type").EndsWith(typeSuffix, StringComparison.Ordinal))?.GetAttribute("Target");
        return target is null ? null : Resolve(folder, target);
    }

    private static Dictionary<string, string> Relationships(ZipArchive zip, string path) =>
        ReadPart(zip, path).GetElementsByTagName("Relationship", PackageRelNs).Cast<XmlElement>()
            .ToDictionary(r => r.GetAttribute("Id"), r => r.GetAttribute("Target"));

    private static string Resolve(string folder, string target)
    {
        if (target.StartsWith('/'))
        {
            return target.TrimStart('/');
        }

        var parts = new List<string>(folder.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var segment in target.Split('/'))
        {
            if (segment == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (segment is not ("." or ""))
            {
                parts.Add(segment);
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>The dc:title of the core properties part, found through the package relationships (Office writes docProps/core.xml, other tools elsewhere).</summary>
    private static string? CoreTitle(ZipArchive zip)
    {
        var path = zip.GetEntry("_rels/.rels") is null ? null
            : ReadPart(zip, "_rels/.rels").GetElementsByTagName("Relationship", PackageRelNs).Cast<XmlElement>()
                .FirstOrDefault(r => r.GetAttribute("Type").EndsWith("/core-properties", StringComparison.Ordinal))?.GetAttribute("Target");
        path = path is null ? "docProps/core.xml" : Resolve("", path);
        if (zip.GetEntry(path) is null)
        {
            return null;
        }

        var title = ReadPart(zip, path).GetElementsByTagName("title", "http://purl.org/dc/elements/1.1/");
        return title.Count > 0 && title[0]!.InnerText.Trim() is { Length: > 0 } t ? t : null;
    }

    private static List<string> Paragraphs(XmlDocument doc, string ns, string paragraph, string text, string[] breaks)
    {
        var result = new List<string>();
        foreach (XmlElement p in doc.GetElementsByTagName(paragraph, ns))
        {
            var line = new StringBuilder();
            foreach (var node in p.GetElementsByTagName("*").Cast<XmlElement>().Where(e => e.NamespaceURI == ns))
            {
                if (node.LocalName == text)
                {
                    line.Append(node.InnerText);
                }
                else if (breaks.Contains(node.LocalName))
                {
                    line.Append(node.LocalName == "tab" ? '\t' : '\n');
                }
            }

            if (line.ToString().Trim() is { Length: > 0 } trimmed)
            {
                result.Add(trimmed);
            }
        }

        return result;
    }

    private static XmlDocument ReadPart(ZipArchive zip, string path)
    {
        var entry = zip.GetEntry(path) ?? throw new ImportException(ImportFailure.Corrupt, $"The package has no '{path}' part.");
        try
        {
            using var stream = entry.Open();
            var doc = new XmlDocument { XmlResolver = null };
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            doc.Load(reader);
            return doc;
        }
        catch (Exception e) when (e is XmlException or InvalidDataException)
        {
            throw new ImportException(ImportFailure.Corrupt, $"The part '{path}' is not readable XML.");
        }
    }
}
