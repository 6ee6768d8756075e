using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SalesCoach.Crm.Tests.Fakes;

/// <summary>
/// HubSpot CRM v3 objects as documented: GET with properties/associations, POST search (EQ filters, including
/// the associations.&lt;type&gt; pseudo-property, paging.next.after), POST create with v4 association types,
/// PATCH, DELETE (archive: the object moves to the recycling bin; 204, the one answer HubSpot documents, also for an
/// id it does not have); errors as {status, message, correlationId, category, errors, context}.
/// </summary>
public sealed class FakeHubSpot : FakeCrm
{
    // note -> record default association type ids the fake accepts (HubSpot-defined).
    private static readonly Dictionary<int, string> NoteAssociationTypes = new() { [202] = "contacts", [190] = "companies", [214] = "deals" };

    private long _nextId = 1000;

    public ConcurrentDictionary<string, ConcurrentDictionary<string, HubRecord>> Objects { get; } = new(StringComparer.Ordinal);

    /// <summary>Archived objects (type -> id -> object): the portal's recycling bin.</summary>
    public ConcurrentDictionary<string, ConcurrentDictionary<string, HubRecord>> Archived { get; } = new(StringComparer.Ordinal);

    public sealed record HubRecord(string Id, JsonObject Properties, ConcurrentDictionary<string, List<string>> Associations);

    public string Add(string type, JsonObject properties)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Objects.GetOrAdd(type, _ => new())[id] = new HubRecord(id, properties, new());
        return id;
    }

    public void Associate(string fromType, string fromId, string toType, string toId)
    {
        Objects[fromType][fromId].Associations.GetOrAdd(toType, _ => []).Add(toId);
        Objects[toType][toId].Associations.GetOrAdd(fromType, _ => []).Add(fromId);
    }

    protected override void Map(WebApplication app)
    {
        app.MapGet("/crm/v3/objects/{type}/{id}", (string type, string id, string? properties, string? associations) =>
            Find(type, id) is not { } record ? NotFound(id) : Results.Json(ToJson(type, record, properties?.Split(','), associations?.Split(','))));
        app.MapPost("/crm/v3/objects/{type}/search", async (string type, HttpRequest request) =>
        {
            var body = (await request.ReadFromJsonAsync<JsonObject>())!;
            var filters = body["filterGroups"]![0]!["filters"]!.AsArray();
            var limit = (int?)body["limit"] ?? 10;
            var offset = int.Parse((string?)body["after"] ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            var matches = Objects.GetValueOrDefault(type)?.Values.Where(r => filters.All(f => Matches(type, r, f!))).OrderBy(r => long.Parse(r.Id, System.Globalization.CultureInfo.InvariantCulture)).ToList() ?? [];
            var props = body["properties"]?.AsArray().Select(p => (string)p!).ToArray();
            var result = new JsonObject
            {
                ["total"] = matches.Count,
                ["results"] = new JsonArray([.. matches.Skip(offset).Take(limit).Select(r => (JsonNode)ToJson(type, r, props, null))]),
            };
            if (offset + limit < matches.Count)
            {
                result["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = (offset + limit).ToString(System.Globalization.CultureInfo.InvariantCulture) } };
            }

            return Results.Json(result);
        });
        app.MapPost("/crm/v3/objects/notes", async (HttpRequest request) =>
        {
            var body = (await request.ReadFromJsonAsync<JsonObject>())!;
            var properties = body["properties"]!.AsObject();
            if (properties["hs_timestamp"] is null)
            {
                return Error(400, "VALIDATION_ERROR", "Property values were not valid: hs_timestamp is required");
            }

            var id = Add("notes", (JsonObject)properties.DeepClone());
            foreach (var association in body["associations"]?.AsArray() ?? [])
            {
                var typeId = (int)association!["types"]![0]!["associationTypeId"]!;
                var toId = (string)association["to"]!["id"]!;
                if (!NoteAssociationTypes.TryGetValue(typeId, out var toType) || Find(toType, toId) is null)
                {
                    Objects["notes"].TryRemove(id, out _);
                    return Error(400, "VALIDATION_ERROR", $"Invalid association type {typeId} to {toId}");
                }

                Associate("notes", id, toType, toId);
            }

            return Results.Json(ToJson("notes", Objects["notes"][id], null, null), statusCode: 201);
        });
        app.MapDelete("/crm/v3/objects/{type}/{id}", (string type, string id) =>
        {
            if (Objects.GetValueOrDefault(type)?.TryRemove(id, out var record) == true)
            {
                Archived.GetOrAdd(type, _ => new())[id] = record;
            }

            return Results.NoContent();
        });
        app.MapMethods("/crm/v3/objects/{type}/{id}", ["PATCH"], async (string type, string id, HttpRequest request) =>
        {
            if (Find(type, id) is not { } record)
            {
                return NotFound(id);
            }

            foreach (var (key, value) in (await request.ReadFromJsonAsync<JsonObject>())!["properties"]!.AsObject())
            {
                record.Properties[key] = value?.DeepClone();
            }

            return Results.Json(ToJson(type, record, null, null));
        });
    }

    protected override Task WriteErrorAsync(HttpContext context, int status) => (status switch
    {
        401 => Error(401, "INVALID_AUTHENTICATION", "Authentication credentials not found."),
        429 => Error(429, "RATE_LIMITS", "You have reached your secondly limit."),
        _ => Error(status, "INTERNAL_ERROR", "Service unavailable"),
    }).ExecuteAsync(context);

    private HubRecord? Find(string type, string id) => Objects.GetValueOrDefault(type)?.GetValueOrDefault(id);

    private static bool Matches(string type, HubRecord record, JsonNode filter)
    {
        var name = (string)filter["propertyName"]!;
        var value = (string)filter["value"]!;
        if ((string?)filter["operator"] != "EQ")
        {
            throw new InvalidOperationException("The fake supports EQ only.");
        }

        return name.StartsWith("associations.", StringComparison.Ordinal)
            ? record.Associations.GetValueOrDefault(Plural(name["associations.".Length..]))?.Contains(value) == true
            : record.Properties[name]?.ToString() == value;
    }

    private static string Plural(string singular) => singular switch { "company" => "companies", _ => singular + "s" };

    private static JsonObject ToJson(string type, HubRecord record, string[]? properties, string[]? associations)
    {
        var props = new JsonObject { ["hs_object_id"] = record.Id };
        foreach (var (key, value) in record.Properties)
        {
            if (properties is null || properties.Contains(key))
            {
                props[key] = value?.DeepClone();
            }
        }

        var json = new JsonObject { ["id"] = record.Id, ["properties"] = props, ["archived"] = false };
        if (associations is not null)
        {
            var assoc = new JsonObject();
            foreach (var to in associations.Where(record.Associations.ContainsKey))
            {
                assoc[to] = new JsonObject
                {
                    ["results"] = new JsonArray([.. record.Associations[to].Select(id => (JsonNode)new JsonObject { ["id"] = id, ["type"] = $"{type}_to_{to}" })]),
                };
            }

            json["associations"] = assoc;
        }

        return json;
    }

    private static IResult NotFound(string id) => Error(404, "OBJECT_NOT_FOUND", "Object not found.  objectId are usually numeric.", new JsonObject { ["id"] = new JsonArray(id) });

    private static IResult Error(int status, string category, string message, JsonObject? context = null) => Results.Json(new JsonObject
    {
        ["status"] = "error",
        ["message"] = message,
        ["correlationId"] = Guid.NewGuid().ToString(),
        ["category"] = category,
        ["errors"] = new JsonArray(),
        ["context"] = context ?? new JsonObject(),
    }, statusCode: status);
}
