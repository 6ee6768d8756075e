using System.Net.Http.Json;
using System.Text.Json;

namespace SalesCoach.Api.Tests.Content;

internal static class ContentBodies
{
    public static object Item(string title, string body, string type = "one_pager", string language = "en", string[]? competitors = null, string? externalId = null) => new
    {
        externalId,
        title,
        body,
        type,
        language,
        tags = Array.Empty<string>(),
        industries = Array.Empty<string>(),
        products = Array.Empty<string>(),
        stages = Array.Empty<string>(),
        personas = Array.Empty<string>(),
        competitors = competitors ?? [],
    };

    public static async Task<string> CreateAsync(HttpClient client, object item)
    {
        var response = await client.PostAsJsonAsync("/api/v1/content", item);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public static async Task<long> CountAsync(HttpClient client, bool includeArchived = false)
    {
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/content?includeArchived={includeArchived}");
        return list.GetProperty("total").GetInt64();
    }

    public static async Task<List<(string Id, string[] Reasons)>> RecommendAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/recommendations", body);
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. json.GetProperty("items").EnumerateArray().Select(i => (
            i.GetProperty("contentId").GetString()!,
            i.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToArray()))];
    }
}
