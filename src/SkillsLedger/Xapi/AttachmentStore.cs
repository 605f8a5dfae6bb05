using Npgsql;
using NpgsqlTypes;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Xapi;

/// <summary>
/// Attachment content in ledger_xapi_attachments, by organisation and SHA-2: written in the transaction of the
/// statements that name it and never changed (the same hash is the same content, so a second copy is skipped).
/// Kept out of the events: the statements' hash events cover the sha2 each statement names, and `verify` checks every
/// row's content against its key (Audit/StatementChecks.cs).
/// </summary>
public sealed class AttachmentStore(LedgerDatabase database)
{
    public static readonly string Table = $"{LedgerStoreConfiguration.Schema}.{LedgerTables.XapiAttachments}";

    public static async Task InsertAsync(NpgsqlConnection conn, string organisation, IReadOnlyList<XapiRequest.AttachmentPart> parts, DateTimeOffset stored, CancellationToken ct)
    {
        if (parts.Count == 0) return;
        await using var cmd = new NpgsqlCommand(
            $"insert into {Table} (tenant_id, sha2, content, stored) select $1, u.sha2, u.content, $4 from unnest($2::text[], $3::bytea[]) u(sha2, content) " +
            "on conflict (tenant_id, sha2) do nothing", conn);
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(parts.Select(p => p.Sha2).ToArray());
        cmd.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Bytea, parts.Select(p => p.Content).ToArray());
        cmd.Parameters.AddWithValue(stored);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <returns>The content stored for each of the hashes that has any.</returns>
    public async Task<Dictionary<string, byte[]>> LoadAsync(string organisation, IReadOnlyCollection<string> hashes, CancellationToken ct)
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (hashes.Count == 0) return found;
        await using var cmd = database.DataSource.CreateCommand($"select sha2, content from {Table} where tenant_id = $1 and sha2 = any($2)");
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(hashes.ToArray());
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) found[r.GetString(0)] = (byte[])r[1];
        return found;
    }

    /// <summary>
    /// Erasure: removes the content that the person's statements name and no other person's statement does (an essay, a
    /// certificate image, a signature whose JWS payload repeats the actor's identifiers). Runs before the statements are
    /// marked erased, in the erasure's transaction.
    /// </summary>
    /// <returns>How many contents were removed.</returns>
    public static async Task<int> EraseAsync(NpgsqlConnection conn, string organisation, string personId, CancellationToken ct)
    {
        var statements = $"{LedgerStoreConfiguration.Schema}.{LedgerTables.XapiStatements}";
        await using var cmd = new NpgsqlCommand($"""
            delete from {Table} a
             where a.tenant_id = $1
               and exists (select 1 from {statements} s where s.tenant_id = $1 and s.person_id = $2 and a.sha2 = any(s.attachment_hashes))
               and not exists (select 1 from {statements} o where o.tenant_id = $1 and o.person_id is distinct from $2 and a.sha2 = any(o.attachment_hashes))
            """, conn);
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(personId);
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
