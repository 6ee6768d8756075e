using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SalesCoach.Crm.Tests.Fakes;

/// <summary>
/// Salesforce REST as documented: query with done/nextRecordsUrl pages, sobjects GET/PATCH (204)/POST (201
/// {id,success,errors})/DELETE (204, the record goes to the Recycle Bin: queries no longer see it, and any call on it
/// answers 404 ENTITY_IS_DELETED), errors as a JSON array [{message,errorCode}], Sforce-Limit-Info on every answer.
/// Its SOQL understands what the product sends: SELECT fields FROM object [WHERE a = 'x' AND b LIKE '%y%'].
/// The OAuth 2.0 refresh token flow is in <c>FakeSalesforce.OAuth.cs</c>.
/// </summary>
public sealed partial class FakeSalesforce : FakeCrm
{
    private readonly ConcurrentDictionary<string, JsonObject> _cursors = new();
    private int _calls;
    private int _nextId;

    public const string Version = "v62.0";

    /// <summary>object name -> id -> fields.</summary>
    public ConcurrentDictionary<string, ConcurrentDictionary<string, JsonObject>> Records { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Deleted records (object name -> id -> fields), as the org's Recycle Bin keeps them.</summary>
    public ConcurrentDictionary<string, ConcurrentDictionary<string, JsonObject>> RecycleBin { get; } = new(StringComparer.OrdinalIgnoreCase);

    public int PageSize { get; set; } = 2000;

    public int DailyApiLimit { get; set; } = 15000;

    public int ApiUsedBefore { get; set; } = 100;

    public string Add(string objectName, JsonObject fields)
    {
        var id = NewId(objectName);
        fields["Id"] = id;
        Records.GetOrAdd(objectName, _ => new())[id] = fields;
        return id;
    }

    protected override void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var used = ApiUsedBefore + Interlocked.Increment(ref _calls);
            context.Response.Headers["Sforce-Limit-Info"] = $"api-usage={used}/{DailyApiLimit}";
            await next(context);
        });
        MapOAuth(app);
        var data = app.MapGroup($"/services/data/{Version}");
        data.MapGet("/query", (string q) => Query(q));
        data.MapGet("/query/{cursor}", (string cursor) => _cursors.TryRemove(cursor, out var page) ? Results.Json(page)
            : Error(400, "INVALID_QUERY_LOCATOR", "invalid query locator"));
        data.MapGet("/sobjects/{objectName}/{id}", (string objectName, string id, string? fields) =>
        {
            if (!TryGet(objectName, id, out var record))
            {
                return Missing(objectName, id);
            }

            var result = new JsonObject { ["attributes"] = Attributes(objectName, id) };
            foreach (var field in fields?.Split(',') ?? record.Select(p => p.Key).ToArray())
            {
                result[field] = record[field]?.DeepClone();
            }

            return Results.Json(result);
        });
        data.MapMethods("/sobjects/{objectName}/{id}", ["PATCH"], async (string objectName, string id, HttpRequest request) =>
        {
            if (!TryGet(objectName, id, out var record))
            {
                return Missing(objectName, id);
            }

            var changes = (await request.ReadFromJsonAsync<JsonObject>())!;
            foreach (var (key, value) in changes)
            {
                record[key] = value?.DeepClone();
            }

            return Results.NoContent();
        });
        data.MapDelete("/sobjects/{objectName}/{id}", (string objectName, string id) =>
        {
            if (!Records.TryGetValue(objectName, out var byId) || !byId.TryRemove(id, out var record))
            {
                return Missing(objectName, id);
            }

            RecycleBin.GetOrAdd(objectName, _ => new())[id] = record;
            return Results.NoContent();
        });
        data.MapPost("/sobjects/{objectName}/", async (string objectName, HttpRequest request) =>
        {
            var fields = (await request.ReadFromJsonAsync<JsonObject>())!;
            if (objectName == "Task" && fields["Subject"] is null)
            {
                return Error(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [Subject]");
            }

            var id = Add(objectName, fields);
            return Results.Json(new { id, success = true, errors = Array.Empty<object>() }, statusCode: 201);
        });
    }

    protected override Task WriteErrorAsync(HttpContext context, int status) => (status switch
    {
        401 => Error(401, "INVALID_SESSION_ID", "Session expired or invalid"),
        403 => Error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."),
        _ => Error(status, "SERVER_UNAVAILABLE", "Service temporarily unavailable"),
    }).ExecuteAsync(context);

    private IResult Query(string soql)
    {
        var match = SoqlPattern().Match(soql);
        if (!match.Success)
        {
            return Error(400, "MALFORMED_QUERY", "unexpected token");
        }

        var fields = match.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries);
        var objectName = match.Groups[2].Value;
        var conditions = match.Groups[3].Success ? match.Groups[3].Value.Split(" AND ") : [];
        var rows = Records.GetValueOrDefault(objectName)?.Values.Where(r => conditions.All(c => Matches(r, c))).OrderBy(r => (string)r["Id"]!).ToList() ?? [];
        var records = rows.Select(r =>
        {
            var o = new JsonObject { ["attributes"] = Attributes(objectName, (string)r["Id"]!) };
            foreach (var f in fields)
            {
                o[f] = r[f]?.DeepClone();
            }

            return o;
        }).ToList();
        return Results.Json(Page(records, 0));
    }

    private JsonObject Page(List<JsonObject> records, int offset)
    {
        var page = new JsonObject
        {
            ["totalSize"] = records.Count,
            ["done"] = offset + PageSize >= records.Count,
            ["records"] = new JsonArray([.. records.Skip(offset).Take(PageSize).Select(r => (JsonNode)r.DeepClone())]),
        };
        if (offset + PageSize < records.Count)
        {
            var cursor = $"01gD0000002HU6KIAW-{offset + PageSize}";
            _cursors[cursor] = Page(records, offset + PageSize);
            page["nextRecordsUrl"] = $"/services/data/{Version}/query/{cursor}";
        }

        return page;
    }

    private static bool Matches(JsonObject record, string condition)
    {
        var m = ConditionPattern().Match(condition.Trim());
        if (!m.Success)
        {
            throw new InvalidOperationException($"The fake does not understand '{condition}'.");
        }

        var actual = record[m.Groups[1].Value]?.GetValue<string>() ?? "";
        var value = m.Groups[3].Value.Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        return m.Groups[2].Value == "=" ? actual == value
            : Regex.IsMatch(actual, "^" + Regex.Escape(value).Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + "$");
    }

    private bool TryGet(string objectName, string id, out JsonObject record)
    {
        record = null!;
        return Records.TryGetValue(objectName, out var byId) && byId.TryGetValue(id, out record!);
    }

    private IResult Missing(string objectName, string id) => RecycleBin.GetValueOrDefault(objectName)?.ContainsKey(id) == true
        ? Error(404, "ENTITY_IS_DELETED", "entity is deleted")
        : Error(404, "NOT_FOUND", "The requested resource does not exist");

    private static JsonObject Attributes(string objectName, string id) =>
        new() { ["type"] = objectName, ["url"] = $"/services/data/{Version}/sobjects/{objectName}/{id}" };

    private string NewId(string objectName) =>
        $"{(objectName == "Task" ? "00T" : "001")}{Interlocked.Increment(ref _nextId):D12}AAA";

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new[] { new { message, errorCode = code } }, statusCode: status);

    [GeneratedRegex(@"^SELECT (.+?) FROM (\w+)(?: WHERE (.+))?$")]
    private static partial Regex SoqlPattern();

    [GeneratedRegex(@"^(\w+) (=|LIKE) '((?:[^'\\]|\\.)*)'$")]
    private static partial Regex ConditionPattern();
}
