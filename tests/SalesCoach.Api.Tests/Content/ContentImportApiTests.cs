using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SalesCoach.Content.Tests.Import;
using SalesCoach.Storage.Database;
using static SalesCoach.Api.Tests.Content.ContentBodies;

namespace SalesCoach.Api.Tests.Content;

public sealed class ContentImportApiTests
{
    public static TheoryData<StorageProvider, string, string> Files()
    {
        var data = new TheoryData<StorageProvider, string, string>();
        foreach (var provider in new[] { StorageProvider.Sqlite, StorageProvider.Postgres })
        {
            foreach (var name in new[] { "notes.md", "notes.html", "notes.txt", "notes.docx", "notes.pptx" })
            {
                data.Add(provider, name, "Payback in five months for Harbor Health");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Import_EachFileType_StoresExtractedTextWithMetadata(StorageProvider provider, string fileName, string sentence)
    {
        await using var host = await ContentApiHost.StartAsync(provider);
        using var client = await host.NewTenantAsync("Acme");

        var response = await client.PostAsync("/api/v1/content/import", Form(fileName, FileFor(fileName, sentence), ("type", "case_study"), ("language", "en"), ("tags", "roi, healthcare")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var item = await client.GetFromJsonAsync<JsonElement>($"/api/v1/content/{id}");
        Assert.Contains(sentence, item.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("case_study", item.GetProperty("type").GetString());
        Assert.Equal(["roi", "healthcare"], item.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Import_BadFiles_AnswerProblemDetailsAndWriteNothing(StorageProvider provider)
    {
        await using var host = await ContentApiHost.StartAsync(provider);
        using var client = await host.NewTenantAsync("Acme");

        var corrupt = await client.PostAsync("/api/v1/content/import", Form("deck.pptx", Encoding.UTF8.GetBytes("not a zip"), ("language", "en")));
        var unsupported = await client.PostAsync("/api/v1/content/import", Form("deck.pdf", [1, 2, 3], ("language", "en")));
        var notMultipart = await client.PostAsJsonAsync("/api/v1/content/import", new { title = "x" });
        var badMetadata = await client.PostAsync("/api/v1/content/import", Form("notes.txt", Encoding.UTF8.GetBytes("Some text"), ("language", "klingon")));
        var oversized = await client.PostAsync("/api/v1/content/import", Form("big.txt", new byte[21 * 1024 * 1024], ("language", "en")));

        await AssertProblem(corrupt, HttpStatusCode.BadRequest);
        await AssertProblem(unsupported, HttpStatusCode.UnsupportedMediaType);
        await AssertProblem(notMultipart, HttpStatusCode.UnsupportedMediaType);
        await AssertProblem(badMetadata, HttpStatusCode.BadRequest);
        await AssertProblem(oversized, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await CountAsync(client, includeArchived: true));
    }

    [Fact]
    public async Task Import_FileBetweenJsonLimitAndImportLimit_IsAccepted()
    {
        await using var host = await ContentApiHost.StartAsync(StorageProvider.Sqlite);
        using var client = await host.NewTenantAsync("Acme");
        // Files over the 1 MB JSON body limit reach the import route, which has its own, larger limit.
        var slides = Enumerable.Range(0, 300).Select(i => ($"Slide {i}: " + new string('x', 80), (string?)null)).ToList();
        var deck = OfficeFiles.Pptx(slides);
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Payback in five months. ", 60_000)));
        var response = await client.PostAsync("/api/v1/content/import", Form("deck.pptx", deck, ("language", "en"), ("summary", "Deck")));
        var large = await client.PostAsync("/api/v1/content/import", Form("long.txt", text, ("language", "en")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        // The text is larger than a content body may be: a validation problem, not a server error.
        await AssertProblem(large, HttpStatusCode.BadRequest);
    }

    private static byte[] FileFor(string fileName, string sentence) => Path.GetExtension(fileName) switch
    {
        ".md" => Encoding.UTF8.GetBytes($"# Harbor Health\n\n**{sentence}**, see [the study](https://example.com).\n"),
        ".html" => Encoding.UTF8.GetBytes($"<html><head><title>Harbor Health</title></head><body><p>{sentence}</p></body></html>"),
        ".txt" => Encoding.UTF8.GetBytes($"Harbor Health\n{sentence}\n"),
        ".docx" => OfficeFiles.Docx("Harbor Health", "Results", sentence),
        _ => OfficeFiles.Pptx([("Harbor Health", null), (sentence, "Mention the CFO quote")]),
    };

    private static MultipartFormDataContent Form(string fileName, byte[] file, params (string Key, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        foreach (var (key, value) in fields)
        {
            form.Add(new StringContent(value), key);
        }

        return form;
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
    }
}
