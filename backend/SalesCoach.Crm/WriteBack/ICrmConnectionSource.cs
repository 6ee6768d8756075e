namespace SalesCoach.Crm.WriteBack;

/// <summary>
/// Where a tenant's CRM lives and how to call it, supplied by the host. A host that keeps tokens between the
/// call and the write-back stores them sealed with <c>SalesCoach.Storage.Encryption.FieldProtector</c>.
/// </summary>
public interface ICrmConnectionSource
{
    /// <param name="crmUserId">The rep's user id in the CRM, for CRMs called as the user (Salesforce).</param>
    /// <returns>Null when the tenant has no connection to that CRM (the write-back is then skipped).</returns>
    Task<CrmTarget?> GetAsync(string tenantId, string crm, string? crmUserId, CancellationToken cancellationToken);

    /// <summary>
    /// Called once when the CRM refused <paramref name="rejected"/>'s token (401): a source that can renew tokens answers
    /// the same target with a fresh one; null (the default) when it cannot, and the write-back fails as session expired.
    /// </summary>
    Task<CrmTarget?> RefreshAsync(string tenantId, string crm, string? crmUserId, CrmTarget rejected, CancellationToken cancellationToken) =>
        Task.FromResult<CrmTarget?>(null);
}

/// <summary>
/// One tenant's connection: <see cref="InstanceUrl"/> is the Salesforce instance or Dataverse environment URL
/// (unused for HubSpot); <see cref="OrgId"/> the Salesforce org, Entra tenant id (Dataverse) or HubSpot portal;
/// <see cref="AccessToken"/> the Salesforce user token or HubSpot token (unused for Dataverse, which signs in as the app).
/// </summary>
public sealed record CrmTarget(string Crm, string OrgId, Uri? InstanceUrl, string? AccessToken)
{
    public override string ToString() => $"CrmTarget {{ Crm = {Crm}, OrgId = {OrgId}, InstanceUrl = {InstanceUrl} }}";
}

/// <summary>
/// Writes (or rewrites) one rendered note on one record of one CRM, never creating a second note for the same interaction;
/// deletes a note it wrote when asked to (a data subject's erasure).
/// </summary>
public interface ICrmNoteWriter
{
    string Crm { get; }

    Task<WriteBackResult> WriteAsync(CrmTarget target, InteractionSummary summary, RenderedNote note, CancellationToken cancellationToken);

    /// <summary>Deletes the note <paramref name="noteId"/> (as <see cref="WriteAsync"/> returned it).</summary>
    /// <returns>False when the CRM no longer has it (deleted by someone else meanwhile).</returns>
    Task<bool> DeleteAsync(CrmTarget target, string noteId, CancellationToken cancellationToken);
}
