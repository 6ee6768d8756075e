using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SalesCoach.Storage.Database;

namespace SalesCoach.Api.Tests.Coaching;

public class SignalsApiTests
{
    [Fact]
    public async Task Classify_Texts_AnswersLabelsPerTextInOrder()
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(StorageProvider.Sqlite);
        await using var _ = store;
        await using var __ = factory;
        var (_, client) = await factory.NewTenantClientAsync();

        var response = await client.PostAsJsonAsync("/api/v1/signals/classify",
            new { language = "en", texts = new[] { "This is too expensive", "Nice weather today", "How much is it? Too expensive?" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("labels").EnumerateArray().Select(l => l.GetProperty("label").GetString()).ToList()).ToList();
        Assert.Equal([["objection_price"], [], ["objection_price", "pricing_question"]], results);
    }

    [Theory]
    [InlineData("""{"texts":[]}""")]
    [InlineData("""{"language":"it","texts":["hola"]}""")]
    [InlineData("""{"texts":["ok",""]}""")]
    [InlineData("""{"texts":"not a list"}""")]
    public async Task Classify_BadBody_Answers400Problem(string body)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(StorageProvider.Sqlite);
        await using var _ = store;
        await using var __ = factory;
        var (_, client) = await factory.NewTenantClientAsync();

        var response = await client.PostAsync("/api/v1/signals/classify", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
