using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SalesCoach.Crm.Resilience;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Crm.HubSpot;

/// <summary>The HubSpot CRM v3 object calls the product needs.</summary>
public sealed partial class HubSpotClient(HttpClient http, IOptions<HubSpotOptions> options, TimeProvider time)
{
    private readonly Uri _baseUri = new(options.Value.BaseUrl.TrimEnd('/') + "/");

    public async Task<HubSpotObject> GetObjectAsync(
        HubSpotConnection connection, string objectType, string id,
        IEnumerable<string> properties, IEnumerable<string> associations, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        var props = string.Join(",", properties.Select(CheckName));
        var assocs = string.Join(",", associations.Select(CheckName));
        if (props.Length > 0)
        {
            query.Add("properties=" + props);
        }

        if (assocs.Length > 0)
        {
            query.Add("associations=" + assocs);
        }

        var path = $"crm/v3/objects/{CheckName(objectType)}/{CheckId(id)}{(query.Count > 0 ? "?" + string.Join("&", query) : "")}";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await SendAsync(connection, request, cancellationToken);
        return ToObject(await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken));
    }

    /// <summary>One page of a search. A search reads only, so its POST is marked safe to retry.</summary>
    public async Task<HubSpotSearchPage> SearchAsync(
        HubSpotConnection connection, string objectType, IReadOnlyList<HubSpotFilter> filters,
        IEnumerable<string> properties, int limit, string? after, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object?>
        {
            ["filterGroups"] = new[] { new { filters = filters.Select(f => new { propertyName = f.PropertyName, @operator = f.Operator, value = f.Value }) } },
            ["properties"] = properties.Select(CheckName).ToArray(),
            ["limit"] = Math.Clamp(limit, 1, 200),
        };
        if (after is not null)
        {
            body["after"] = after;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"crm/v3/objects/{CheckName(objectType)}/search") { Content = JsonContent.Create(body) };
        request.MarkIdempotent();
        using var response = await SendAsync(connection, request, cancellationToken);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var next = json.TryGetProperty("paging", out var paging) && paging.TryGetProperty("next", out var n) && n.TryGetProperty("after", out var a)
            ? a.GetString() : null;
        return new HubSpotSearchPage(
            json.GetProperty("results").EnumerateArray().Select(ToObject).ToList(),
            json.TryGetProperty("total", out var total) ? total.GetInt32() : 0, next);
    }

    /// <summary>Creates a note associated with one record; returns the note id. Not retried (a repeat would duplicate it).</summary>
    public async Task<string> CreateNoteAsync(
        HubSpotConnection connection, string bodyHtml, DateTimeOffset timestamp, string toObjectType, string toId, CancellationToken cancellationToken)
    {
        var body = new
        {
            properties = new Dictionary<string, string>
            {
                ["hs_note_body"] = bodyHtml,
                ["hs_timestamp"] = timestamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            },
            associations = new[]
            {
                new
                {
                    to = new { id = CheckId(toId) },
                    types = new[] { new { associationCategory = "HUBSPOT_DEFINED", associationTypeId = HubSpotAssociationTypes.NoteTo(toObjectType) } },
                },
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "crm/v3/objects/notes") { Content = JsonContent.Create(body) };
        using var response = await SendAsync(connection, request, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString()!;
    }

    public async Task UpdateObjectAsync(
        HubSpotConnection connection, string objectType, string id, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"crm/v3/objects/{CheckName(objectType)}/{CheckId(id)}")
        {
            Content = JsonContent.Create(new { properties }),
        };
        using var response = await SendAsync(connection, request, cancellationToken);
    }

    /// <summary>Archives one object (HubSpot's DELETE moves it to the recycling bin); 204 No Content.</summary>
    public async Task ArchiveObjectAsync(HubSpotConnection connection, string objectType, string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"crm/v3/objects/{CheckName(objectType)}/{CheckId(id)}");
        using var response = await SendAsync(connection, request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HubSpotConnection connection, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.RequestUri = new Uri(_baseUri, request.RequestUri!);
        request.WithAccessToken(connection.AccessToken);
        var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await HubSpotErrors.ToExceptionAsync(response, time.GetUtcNow(), cancellationToken);
        }
    }

    private static HubSpotObject ToObject(JsonElement json)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (json.TryGetProperty("properties", out var props))
        {
            foreach (var p in props.EnumerateObject())
            {
                properties[p.Name] = p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.ToString();
            }
        }

        var associations = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (json.TryGetProperty("associations", out var assocs))
        {
            foreach (var a in assocs.EnumerateObject())
            {
                associations[a.Name] = a.Value.GetProperty("results").EnumerateArray()
                    .Select(r => r.GetProperty("id").ToString()).Distinct().ToList();
            }
        }

        return new HubSpotObject(json.GetProperty("id").ToString(), properties, associations);
    }

    private static string CheckName(string name) => NamePattern().IsMatch(name) ? name
        : throw new CrmException(CrmKinds.HubSpot, CrmErrorKind.Invalid, null, "bad_name", $"'{name}' is not a valid HubSpot name.");

    private static string CheckId(string id) => IdPattern().IsMatch(id) ? id
        : throw new CrmException(CrmKinds.HubSpot, CrmErrorKind.Invalid, null, "bad_id", "Not a HubSpot object id.");

    [GeneratedRegex("^[A-Za-z0-9_]{1,100}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[0-9]{1,20}$")]
    private static partial Regex IdPattern();
}
