using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SalesCoach.Crm.Resilience;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Crm.Salesforce;

/// <summary>The Salesforce REST API calls the product needs, made as the signed-in user.</summary>
public sealed partial class SalesforceClient(HttpClient http, IOptions<SalesforceOptions> options, SalesforceApiUsage usage, TimeProvider time)
{
    private readonly SalesforceOptions _options = options.Value;

    /// <summary>Runs a SOQL query and follows <c>nextRecordsUrl</c> until done or <c>MaxQueryRecords</c>.</summary>
    public async Task<IReadOnlyList<JsonElement>> QueryAsync(SalesforceConnection connection, string soql, CancellationToken cancellationToken)
    {
        var records = new List<JsonElement>();
        var next = $"{DataPath}/query?q={Uri.EscapeDataString(soql)}";
        while (next is not null && records.Count < _options.MaxQueryRecords)
        {
            using var page = await SendAsync(connection, HttpMethod.Get, next, null, cancellationToken);
            var body = await page.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            records.AddRange(body.GetProperty("records").EnumerateArray().Select(r => r.Clone()));
            next = body.TryGetProperty("done", out var done) && done.GetBoolean() ? null
                : body.TryGetProperty("nextRecordsUrl", out var url) ? CheckNextUrl(url.GetString()) : null;
        }

        return records.Count > _options.MaxQueryRecords ? records[.._options.MaxQueryRecords] : records;
    }

    public async Task<JsonElement> GetRecordAsync(
        SalesforceConnection connection, string objectName, string id, IEnumerable<string> fields, CancellationToken cancellationToken)
    {
        var fieldList = string.Join(",", fields.Select(f => CheckName(f, "field")));
        var path = $"{RecordPath(objectName, id)}{(fieldList.Length > 0 ? "?fields=" + fieldList : "")}";
        using var response = await SendAsync(connection, HttpMethod.Get, path, null, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).Clone();
    }

    /// <summary>PATCH of the given fields; Salesforce answers 204 No Content.</summary>
    public async Task UpdateRecordAsync(
        SalesforceConnection connection, string objectName, string id, IReadOnlyDictionary<string, object?> fields, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(connection, HttpMethod.Patch, RecordPath(objectName, id), JsonContent.Create(fields), cancellationToken);
    }

    /// <summary>POST a new record; returns its id. Not retried: a repeat could create a second record.</summary>
    public async Task<string> CreateRecordAsync(
        SalesforceConnection connection, string objectName, IReadOnlyDictionary<string, object?> fields, CancellationToken cancellationToken)
    {
        var path = $"{DataPath}/sobjects/{CheckName(objectName, "object")}/";
        using var response = await SendAsync(connection, HttpMethod.Post, path, JsonContent.Create(fields), cancellationToken);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return created.GetProperty("id").GetString()
            ?? throw new CrmException(CrmKinds.Salesforce, CrmErrorKind.Failed, (int)response.StatusCode, null, "Create answered without an id.");
    }

    /// <summary>DELETE of one record; Salesforce answers 204 No Content and keeps the record in the org's Recycle Bin.</summary>
    public async Task DeleteRecordAsync(SalesforceConnection connection, string objectName, string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(connection, HttpMethod.Delete, RecordPath(objectName, id), null, cancellationToken);
    }

    /// <summary>The last api-usage figure this org reported.</summary>
    public ApiUsage? LastApiUsage(SalesforceConnection connection) => usage.Last(connection.InstanceUrl);

    public static string EscapeSoql(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);

    // The token must only follow a next page on the same org's query endpoint.
    private string CheckNextUrl(string? next) => next is not null && next.StartsWith(DataPath + "/query/", StringComparison.Ordinal) ? next
        : throw new CrmException(CrmKinds.Salesforce, CrmErrorKind.Failed, null, "bad_next_url", "Unexpected nextRecordsUrl.");

    private string DataPath => $"/services/data/{_options.ApiVersion}";

    private string RecordPath(string objectName, string id) =>
        $"{DataPath}/sobjects/{CheckName(objectName, "object")}/{CheckId(id)}";

    private async Task<HttpResponseMessage> SendAsync(
        SalesforceConnection connection, HttpMethod method, string pathAndQuery, HttpContent? content, CancellationToken cancellationToken)
    {
        var baseUri = InstanceUrlGuard.Check(CrmKinds.Salesforce, connection.InstanceUrl, _options.AllowedInstanceHosts);
        using var request = new HttpRequestMessage(method, new Uri(baseUri, pathAndQuery)) { Content = content };
        request.WithAccessToken(connection.AccessToken);
        request.Headers.Accept.ParseAdd("application/json");
        var response = await http.SendAsync(request, cancellationToken);
        usage.Record(connection.InstanceUrl, response);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await SalesforceErrors.ToExceptionAsync(response, time.GetUtcNow(), cancellationToken);
        }
    }

    internal static string CheckName(string name, string what) => NamePattern().IsMatch(name) ? name
        : throw new CrmException(CrmKinds.Salesforce, CrmErrorKind.Invalid, null, "bad_name", $"'{name}' is not a valid {what} name.");

    internal static string CheckId(string id) => IdPattern().IsMatch(id) ? id
        : throw new CrmException(CrmKinds.Salesforce, CrmErrorKind.Invalid, null, "bad_id", "Not a Salesforce record id.");

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{0,79}(\.[A-Za-z][A-Za-z0-9_]{0,79}){0,4}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$")]
    private static partial Regex IdPattern();
}
