using Dapper;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Storage.Database;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Privacy;

/// <summary>
/// Erases a data subject: their interactions with every derived row, and the rows naming them elsewhere, in one
/// transaction together with its audit entry; a failure anywhere leaves all of it in place. Erasing again finds nothing
/// (idempotent). Interactions still live are ended: streams close, and appends find nothing from then on. Asked to, it
/// then deletes the summary notes written into the CRMs for the erased interactions (<see cref="CrmNoteErasure"/>).
/// </summary>
internal sealed class SubjectErasure(SqlDatabase database, LiveInteractions live, CrmNoteErasure crmNotes, AuditLog audit, TimeProvider time)
{
    public async Task<ErasureResponse> EraseAsync(
        string tenantId, Subject subject, string actor, bool includeCrmNotes, CancellationToken cancellationToken)
    {
        var erasureId = SortableId.New(time);
        var deleted = new DeletedRows();
        List<string> wereLive;
        List<CrmNoteErasure.Note> notes = [];
        using (await database.EnterWriteAsync(cancellationToken))
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var interactions = (await connection.QueryAsync<(string Id, string Status)>(new CommandDefinition(
                $"SELECT id, status FROM coaching_interactions WHERE tenant_id = @tenantId AND {subject.InteractionColumn} = @id",
                new { tenantId, id = subject.Id }, transaction, cancellationToken: cancellationToken))).AsList();
            wereLive = [.. interactions.Where(i => i.Status == InteractionStatus.Live).Select(i => i.Id)];
            if (includeCrmNotes)
            {
                // Read in the transaction that deletes the jobs: exactly the notes of the interactions erased.
                notes = await CrmNoteErasure.FindAsync(connection, transaction, tenantId, subject, cancellationToken);
            }

            await InteractionDeletion.DeleteAsync(
                connection, transaction, database.IsPostgres, tenantId, [.. interactions.Select(i => i.Id)], deleted, cancellationToken);
            foreach (var (table, column, count) in subject.OtherRows)
            {
                count(deleted, await connection.ExecuteAsync(new CommandDefinition(
                    $"DELETE FROM {table} WHERE tenant_id = @tenantId AND {column} = @id",
                    new { tenantId, id = subject.Id }, transaction, cancellationToken: cancellationToken)));
            }

            // The entry names the erasure and counts rows, never the subject: the caller keeps the link to its request.
            await audit.RecordAsync(connection, transaction, tenantId, actor, "privacy.subject_erased",
                $"erasure={erasureId} subject={subject.Kind} {deleted.ToAuditDetail()}", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // Committed: what follows must run even if the caller has gone.
        foreach (var id in wereLive)
        {
            await live.ForgetDeletedAsync(tenantId, id);
        }

        await InteractionDeletion.SweepAsync(database, tenantId, wereLive);
        return new ErasureResponse(erasureId, deleted,
            includeCrmNotes ? await crmNotes.DeleteAsync(tenantId, erasureId, actor, notes) : null);
    }
}
