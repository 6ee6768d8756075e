using System.IO.Compression;
using System.Text;
using SalesCoach.Content.Import;
using SalesCoach.Content.Library;

namespace SalesCoach.Content.Tests.Import;

public sealed class ContentImporterTests
{
    [Fact]
    public void Extract_Docx_ReturnsParagraphsAndCoreTitle()
    {
        var file = OfficeFiles.Docx("Gong battlecard", "Why we win against Gong", "Real-time coaching during the call, not after it.");

        var text = ContentImporter.Extract("battlecard.docx", file);

        Assert.Equal("Gong battlecard", text.Title);
        Assert.Equal("Why we win against Gong\nReal-time coaching during the call, not after it.", text.Body);
    }

    [Fact]
    public void Extract_Pptx_FollowsPresentationOrderAndKeepsNotes()
    {
        var file = OfficeFiles.Pptx([("ROI for healthcare", "Say: payback in five months"), ("Forecast accuracy 94%", null), ("Next steps", null)]);

        var text = ContentImporter.Extract("deck.pptx", file);

        Assert.Equal("ROI for healthcare", text.Title);
        var roi = text.Body.IndexOf("ROI for healthcare", StringComparison.Ordinal);
        var notes = text.Body.IndexOf("payback in five months", StringComparison.Ordinal);
        var forecast = text.Body.IndexOf("Forecast accuracy 94%", StringComparison.Ordinal);
        var next = text.Body.IndexOf("Next steps", StringComparison.Ordinal);
        Assert.True(roi >= 0 && roi < notes && notes < forecast && forecast < next, text.Body);
    }

    [Fact]
    public void Extract_Markdown_StripsMarkupAndTakesHeadingAsTitle()
    {
        var file = Encoding.UTF8.GetBytes("# Pricing FAQ\n\nSee the [price list](https://example.com/p) for **Forecast**.\n- Discounts above 20% need approval\n");

        var text = ContentImporter.Extract("faq.md", file);

        Assert.Equal("Pricing FAQ", text.Title);
        Assert.Contains("See the price list for Forecast.", text.Body, StringComparison.Ordinal);
        Assert.Contains("Discounts above 20% need approval", text.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("**", text.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_Html_DropsScriptsAndDecodesEntities()
    {
        var file = Encoding.UTF8.GetBytes(
            "<html><head><title>Security &amp; compliance</title><script>alert('x')</script></head><body><h1>Security</h1><p>SOC&nbsp;2 Type II &amp; GDPR.</p><script>steal()</script></body></html>");

        var text = ContentImporter.Extract("security.html", file);

        Assert.Equal("Security & compliance", text.Title);
        Assert.Contains("SOC 2 Type II & GDPR.", text.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("steal", text.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_PlainText_KeepsTextAndUsesFirstLineAsTitle()
    {
        var text = ContentImporter.Extract("notes.txt", Encoding.UTF8.GetBytes("\nFollow-up after a price objection\nThanks for your time today.\n"));

        Assert.Equal("Follow-up after a price objection", text.Title);
        Assert.EndsWith("Thanks for your time today.", text.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deck.pptx")]
    [InlineData("brief.docx")]
    public void Extract_NotAZip_IsCorrupt(string name)
    {
        var error = Assert.Throws<ImportException>(() => ContentImporter.Extract(name, Encoding.UTF8.GetBytes("this is not a zip archive")));

        Assert.Equal(ImportFailure.Corrupt, error.Failure);
    }

    [Fact]
    public void Extract_DocxWithBrokenXml_IsCorrupt()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            writer.Write("<w:document><w:body><w:p>unterminated");
        }

        var error = Assert.Throws<ImportException>(() => ContentImporter.Extract("broken.docx", stream.ToArray()));

        Assert.Equal(ImportFailure.Corrupt, error.Failure);
    }

    [Fact]
    public void Extract_InvalidUtf8Text_IsCorrupt()
    {
        var error = Assert.Throws<ImportException>(() => ContentImporter.Extract("notes.txt", [0x48, 0xFF, 0xFE, 0x41]));

        Assert.Equal(ImportFailure.Corrupt, error.Failure);
    }

    [Fact]
    public void Extract_UnknownExtension_IsUnsupported()
    {
        var error = Assert.Throws<ImportException>(() => ContentImporter.Extract("deck.pdf", [1, 2, 3]));

        Assert.Equal(ImportFailure.Unsupported, error.Failure);
    }

    [Fact]
    public void Extract_FileOverLimit_IsTooLarge()
    {
        var error = Assert.Throws<ImportException>(() => ContentImporter.Extract("big.txt", new byte[ContentImporter.MaxFileBytes + 1]));

        Assert.Equal(ImportFailure.TooLarge, error.Failure);
    }

    [Fact]
    public void ToDraft_UploaderTitleWinsOverFileTitle()
    {
        var metadata = new ContentDraft(null, "Chosen title", null, "", null, "deck", "en", [], [], [], [], [], []);

        var draft = ContentImporter.ToDraft(new ExtractedText("File title", "Body"), metadata, "x.md");

        Assert.Equal("Chosen title", draft.Title);
        Assert.Equal("Body", draft.Body);
    }
}
