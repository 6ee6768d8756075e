using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Crm.Dataverse;

/// <summary>The Dataverse Web API (OData v4) calls the product needs, as the backend's application user.</summary>
public sealed partial class DataverseClient(HttpClient http, IOptions<DataverseOptions> options, TimeProvider time)
{
    private readonly DataverseOptions _options = options.Value;

    public async Task<JsonElement> GetRecordAsync(
        DataverseConnection connection, string entitySet, Guid id, IEnumerable<string> columns, CancellationToken cancellationToken)
    {
        var select = string.Join(",", columns.Select(CheckName));
        var path = $"{EntityPath(entitySet, id)}{(select.Length > 0 ? "?$select=" + select : "")}";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await SendAsync(connection, request, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).Clone();
    }

    /// <summary>POST a new row and return its id from the <c>OData-EntityId</c> header. Not retried.</summary>
    public async Task<Guid> CreateAsync(
        DataverseConnection connection, string entitySet, IReadOnlyDictionary<string, object?> row, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/data/{_options.ApiVersion}/{CheckName(entitySet)}") { Content = JsonContent.Create(row) };
        using var response = await SendAsync(connection, request, cancellationToken);
        var entityId = response.Headers.TryGetValues("OData-EntityId", out var values) ? values.First() : null;
        var match = entityId is null ? null : EntityIdPattern().Match(entityId);
        return match is { Success: true } ? Guid.Parse(match.Groups[1].Value)
            : throw new CrmException(CrmKinds.Dynamics, CrmErrorKind.Failed, (int)response.StatusCode, null, "Create answered without OData-EntityId.");
    }

    /// <summary>
    /// Upsert by primary key (PATCH creates the row when the id is new). With a key derived from our own ids this
    /// is idempotent, so it is safe to retry. Returns true when the row was created.
    /// </summary>
    public async Task<bool> UpsertAsync(
        DataverseConnection connection, string entitySet, Guid id, IReadOnlyDictionary<string, object?> row, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, EntityPath(entitySet, id)) { Content = JsonContent.Create(row) };
        // return=representation makes Dataverse say 201 (created) or 200 (updated) instead of 204 for both.
        request.Headers.Add("Prefer", "return=representation");
        using var response = await SendAsync(connection, request, cancellationToken);
        return response.StatusCode == HttpStatusCode.Created;
    }

    /// <summary>DELETE of one row by primary key; Dataverse answers 204 No Content.</summary>
    public async Task DeleteAsync(DataverseConnection connection, string entitySet, Guid id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, EntityPath(entitySet, id));
        using var response = await SendAsync(connection, request, cancellationToken);
    }

    private string EntityPath(string entitySet, Guid id) => $"api/data/{_options.ApiVersion}/{CheckName(entitySet)}({id:D})";

    private async Task<HttpResponseMessage> SendAsync(DataverseConnection connection, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var baseUri = InstanceUrlGuard.Check(CrmKinds.Dynamics, connection.EnvironmentUrl, _options.AllowedInstanceHosts);
        request.RequestUri = new Uri(baseUri, request.RequestUri!);
        request.Options.Set(DataverseTokenHandler.EntraTenant, connection.EntraTenantId);
        var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await DataverseErrors.ToExceptionAsync(response, time.GetUtcNow(), cancellationToken);
        }
    }

    internal static string CheckName(string name) => NamePattern().IsMatch(name) ? name
        : throw new CrmException(CrmKinds.Dynamics, CrmErrorKind.Invalid, null, "bad_name", $"'{name}' is not a valid Dataverse name.");

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,99}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\(([0-9a-fA-F-]{36})\)$")]
    private static partial Regex EntityIdPattern();
}
