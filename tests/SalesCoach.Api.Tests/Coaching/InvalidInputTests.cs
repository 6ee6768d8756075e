using System.Net;
using System.Net.Http.Json;
using System.Text;
using SalesCoach.Storage.Database;
using static SalesCoach.Api.Tests.Coaching.CoachingClient;

namespace SalesCoach.Api.Tests.Coaching;

public class InvalidInputTests
{
    public static TheoryData<StorageProvider, string> BadSegmentBodies()
    {
        var bodies = new[]
        {
            """{"segments":[{"seq":1,"speaker":"rep","text":"hi","startMs":0,"endMs":10}""",
            """{"segments":[{"seq":"one","speaker":"rep","text":"hi","startMs":0,"endMs":10}]}""",
            """{"segments":[{"seq":1,"speaker":"manager","text":"hi","startMs":0,"endMs":10}]}""",
            """{"segments":[{"seq":1,"speaker":"rep","text":"","startMs":0,"endMs":10}]}""",
            """{"segments":[{"seq":1,"speaker":"rep","text":"hi","startMs":50,"endMs":10}]}""",
            """{"segments":[{"seq":-1,"speaker":"rep","text":"hi","startMs":0,"endMs":10}]}""",
            """{"segments":[{"speaker":"rep","text":"hi","startMs":0,"endMs":10}]}""",
            """{"segments":[]}""",
            """{"segments":[{"seq":2,"speaker":"rep","text":"a","startMs":0,"endMs":10},{"seq":1,"speaker":"rep","text":"b","startMs":100,"endMs":110}]}""",
            """{"segments":[{"seq":1,"speaker":"rep","text":"a","startMs":0,"endMs":10},{"seq":1,"speaker":"rep","text":"b","startMs":0,"endMs":10}]}""",
            "{\"segments\":[{\"seq\":1,\"speaker\":\"rep\",\"text\":\"" + new string('x', 4001) + "\",\"startMs\":0,\"endMs\":10}]}",
            "{\"segments\":[" + string.Join(',', Enumerable.Range(0, 101).Select(i => $"{{\"seq\":{i},\"speaker\":\"rep\",\"text\":\"x\",\"startMs\":{i},\"endMs\":{i + 1}}}")) + "]}",
        };
        var data = new TheoryData<StorageProvider, string>();
        foreach (var provider in new[] { StorageProvider.Sqlite, StorageProvider.Postgres })
        {
            foreach (var body in bodies)
            {
                data.Add(provider, body);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadSegmentBodies))]
    public async Task AppendSegments_BadBody_Answers400ProblemAndWritesNothing(StorageProvider provider, string body)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider);
        await using var _ = store;
        await using var __ = factory;
        var (tenantId, client) = await factory.NewTenantClientAsync();
        var id = await client.CreateInteractionAsync();

        var response = await client.PostAsync($"/api/v1/interactions/{id}/segments", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await factory.CountAsync("coaching_segments", tenantId));
        Assert.Equal(0, await factory.CountAsync("coaching_events", tenantId));
    }

    [Fact]
    public async Task AppendSegments_BodyOverOneMegabyte_Answers413Problem()
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(StorageProvider.Sqlite);
        await using var _ = store;
        await using var __ = factory;
        var (tenantId, client) = await factory.NewTenantClientAsync();
        var id = await client.CreateInteractionAsync();
        var body = "{\"segments\":[{\"seq\":1,\"speaker\":\"rep\",\"text\":\"" + new string('x', 1_100_000) + "\",\"startMs\":0,\"endMs\":10}]}";

        // Expect: 100-continue lets the server refuse before the body is sent, as a well-behaved
        // client would; without it, real Kestrel may close the socket while the client is still
        // sending and the client sees a reset instead of the 413.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/interactions/{id}/segments")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await factory.CountAsync("coaching_segments", tenantId));
    }

    [Theory]
    [InlineData("""{"crm":"hubspot","recordType":"deal","recordId":"1","repId":"r","language":"it","channel":"call"}""")]
    [InlineData("""{"crm":"pipedrive","recordType":"deal","recordId":"1","repId":"r","language":"en","channel":"call"}""")]
    [InlineData("""{"crm":"hubspot","recordType":"deal","recordId":"1","language":"en","channel":"call"}""")]
    [InlineData("""{"crm":"hubspot","recordType":"deal","recordId":"1","repId":"r","language":"en","channel":"fax"}""")]
    [InlineData("""{"crm":"hubspot","recordType":"deal","recordId":1,"repId":"r","language":"en","channel":"call"}""")]
    [InlineData("not json")]
    public async Task Create_BadBody_Answers400AndWritesNothing(string body)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(StorageProvider.Sqlite);
        await using var _ = store;
        await using var __ = factory;
        var (tenantId, client) = await factory.NewTenantClientAsync();

        var response = await client.PostAsync("/api/v1/interactions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await factory.CountAsync("coaching_interactions", tenantId));
    }

    [Fact]
    public async Task Interactions_NoCredential_Answers401()
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(StorageProvider.Sqlite);
        await using var _ = store;
        await using var __ = factory;

        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/interactions", NewCall);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
