using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SalesCoach.Crm.Tests.Fakes;

/// <summary>
/// The Dataverse Web API as documented: OData headers required, <c>set(guid)?$select=</c>, POST answering 204 with
/// OData-EntityId, PATCH as upsert (201/200 with Prefer: return=representation, else 204), DELETE (204; a row it does
/// not have is 404 0x80040217), <c>@odata.bind</c>
/// to existing rows, errors as {"error":{"code","message"}}, service protection 429 with Retry-After seconds.
/// </summary>
public sealed partial class FakeDataverse : FakeCrm
{
    public const string ApiPath = "/api/data/v9.2/";

    /// <summary>entity set -> id -> columns.</summary>
    public ConcurrentDictionary<string, ConcurrentDictionary<Guid, JsonObject>> Rows { get; } = new(StringComparer.Ordinal);

    public Guid Add(string entitySet, JsonObject columns)
    {
        var id = Guid.NewGuid();
        Rows.GetOrAdd(entitySet, _ => new())[id] = columns;
        return id;
    }

    protected override void Map(WebApplication app)
    {
        app.Map(ApiPath + "{**target}", async (string target, HttpContext context) =>
        {
            if (context.Request.Headers["OData-MaxVersion"] != "4.0" || context.Request.Headers["OData-Version"] != "4.0")
            {
                return Error(400, "0x80060888", "OData-MaxVersion and OData-Version 4.0 headers are required.");
            }

            var method = context.Request.Method;
            var entity = EntityPattern().Match(target);
            if (method == "POST" && SetPattern().IsMatch(target))
            {
                var row = (await context.Request.ReadFromJsonAsync<JsonObject>())!;
                if (Unbound(row) is { } missing)
                {
                    return missing;
                }

                var id = Add(target, row);
                context.Response.Headers["OData-EntityId"] = $"{context.Request.Scheme}://{context.Request.Host}{ApiPath}{target}({id:D})";
                return Results.NoContent();
            }

            if (!entity.Success)
            {
                return Error(404, "0x8006088a", $"Resource not found for the segment '{target}'.");
            }

            var set = entity.Groups[1].Value;
            var key = Guid.Parse(entity.Groups[2].Value);
            var rows = Rows.GetOrAdd(set, _ => new());
            if (method == "GET")
            {
                if (!rows.TryGetValue(key, out var row))
                {
                    return Error(404, "0x80040217", $"{set} With Id = {key} Does Not Exist");
                }

                var select = context.Request.Query["$select"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
                var result = new JsonObject { ["@odata.context"] = $"{ApiPath}$metadata#{set}/$entity" };
                foreach (var (column, value) in row.Where(c => select.Length == 0 || select.Contains(c.Key)))
                {
                    result[column] = value?.DeepClone();
                }

                return Results.Json(result);
            }

            if (method == "PATCH")
            {
                var changes = (await context.Request.ReadFromJsonAsync<JsonObject>())!;
                if (Unbound(changes) is { } missing)
                {
                    return missing;
                }

                var created = !rows.TryGetValue(key, out var row);
                row ??= rows.GetOrAdd(key, _ => new JsonObject());
                foreach (var (column, value) in changes)
                {
                    row[column] = value?.DeepClone();
                }

                var representation = context.Request.Headers["Prefer"].ToString().Contains("return=representation", StringComparison.Ordinal);
                return representation ? Results.Json(row, statusCode: created ? 201 : 200) : Results.NoContent();
            }

            if (method == "DELETE")
            {
                return rows.TryRemove(key, out _) ? Results.NoContent() : Error(404, "0x80040217", $"{set} With Id = {key} Does Not Exist");
            }

            return Error(405, "0x80060888", "Method not allowed.");
        });
    }

    protected override Task WriteErrorAsync(HttpContext context, int status) => (status switch
    {
        401 => Results.StatusCode(401),
        429 => Error(429, "0x80072322", "Number of requests exceeded the limit of 6000 over time window of 300 seconds."),
        _ => Error(status, "0x80040216", "An unexpected error occurred."),
    }).ExecuteAsync(context);

    // An @odata.bind to a row that does not exist fails the whole write, as Dataverse does.
    private IResult? Unbound(JsonObject row)
    {
        foreach (var (column, value) in row.Where(c => c.Key.EndsWith("@odata.bind", StringComparison.Ordinal)))
        {
            var m = EntityPattern().Match(((string)value!).TrimStart('/'));
            if (!m.Success || Rows.GetValueOrDefault(m.Groups[1].Value)?.ContainsKey(Guid.Parse(m.Groups[2].Value)) != true)
            {
                return Error(404, "0x80040217", $"The record bound by {column} does not exist.");
            }
        }

        return null;
    }

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);

    [GeneratedRegex(@"^([a-z_]+)\(([0-9a-fA-F-]{36})\)$")]
    private static partial Regex EntityPattern();

    [GeneratedRegex("^[a-z_]+$")]
    private static partial Regex SetPattern();
}
