using System.IO.Packaging;
using System.Security;
using System.Text;

namespace SalesCoach.Content.Tests.Import;

/// <summary>Real DOCX and PPTX packages, written with System.IO.Packaging the way Office lays them out.</summary>
public static class OfficeFiles
{
    private const string OfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    private const string SlideRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide";
    private const string NotesRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide";
    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string A = "http://schemas.openxmlformats.org/drawingml/2006/main";
    private const string P = "http://schemas.openxmlformats.org/presentationml/2006/main";
    private const string R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public static byte[] Docx(string? title, params string[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var package = Package.Open(stream, FileMode.Create))
        {
            if (title is not null)
            {
                package.PackageProperties.Title = title;
            }

            var body = string.Concat(paragraphs.Select(p => $"<w:p><w:r><w:t xml:space=\"preserve\">{SecurityElement.Escape(p)}</w:t></w:r></w:p>"));
            var part = package.CreatePart(new Uri("/word/document.xml", UriKind.Relative),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
            Write(part, $"<w:document xmlns:w=\"{W}\"><w:body>{body}</w:body></w:document>");
            package.CreateRelationship(part.Uri, TargetMode.Internal, OfficeDocument);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Slides are stored under file names in reverse order of the deck (slide1.xml is the last slide),
    /// so only an extractor that follows presentation.xml gets the order right.
    /// </summary>
    public static byte[] Pptx(IReadOnlyList<(string Text, string? Notes)> slides)
    {
        using var stream = new MemoryStream();
        using (var package = Package.Open(stream, FileMode.Create))
        {
            var presentation = package.CreatePart(new Uri("/ppt/presentation.xml", UriKind.Relative),
                "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml");
            package.CreateRelationship(presentation.Uri, TargetMode.Internal, OfficeDocument);
            var ids = new StringBuilder();
            for (var i = 0; i < slides.Count; i++)
            {
                var fileNumber = slides.Count - i;
                var slide = package.CreatePart(new Uri($"/ppt/slides/slide{fileNumber}.xml", UriKind.Relative),
                    "application/vnd.openxmlformats-officedocument.presentationml.slide+xml");
                Write(slide, Shape(slides[i].Text));
                var relationship = presentation.CreateRelationship(slide.Uri, TargetMode.Internal, SlideRelationship, $"rId{100 + i}");
                ids.Append($"<p:sldId id=\"{256 + i}\" r:id=\"{relationship.Id}\"/>");
                if (slides[i].Notes is { } notes)
                {
                    var notesPart = package.CreatePart(new Uri($"/ppt/notesSlides/notesSlide{fileNumber}.xml", UriKind.Relative),
                        "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml");
                    Write(notesPart, Shape(notes, "p:notes"));
                    slide.CreateRelationship(notesPart.Uri, TargetMode.Internal, NotesRelationship);
                }
            }

            Write(presentation, $"<p:presentation xmlns:p=\"{P}\" xmlns:r=\"{R}\"><p:sldIdLst>{ids}</p:sldIdLst></p:presentation>");
        }

        return stream.ToArray();
    }

    private static string Shape(string text, string root = "p:sld")
    {
        var paragraphs = string.Concat(text.Split('\n').Select(line => $"<a:p><a:r><a:t>{SecurityElement.Escape(line)}</a:t></a:r></a:p>"));
        return $"<{root} xmlns:p=\"{P}\" xmlns:a=\"{A}\"><p:cSld><p:spTree><p:sp><p:txBody>{paragraphs}</p:txBody></p:sp></p:spTree></p:cSld></{root}>";
    }

    private static void Write(PackagePart part, string xml)
    {
        using var writer = new StreamWriter(part.GetStream(FileMode.Create, FileAccess.Write), new UTF8Encoding(false));
        writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + xml);
    }
}
