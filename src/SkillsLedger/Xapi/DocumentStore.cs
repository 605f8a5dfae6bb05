using Npgsql;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Xapi;

/// <summary>xAPI documents of each organisation in ledger_xapi_documents, keyed by kind, scope and id.</summary>
public sealed class DocumentStore(LedgerDatabase database)
{
    private static readonly string Table = $"{LedgerStoreConfiguration.Schema}.{LedgerTables.XapiDocuments}";

    public sealed record Document(string Id, string ContentType, byte[] Content, string ETag, DateTimeOffset Updated);

    public async Task<Document?> GetAsync(string org, string kind, string scope, string id, CancellationToken ct)
    {
        await using var cmd = database.DataSource.CreateCommand($"select document_id, content_type, content, etag, updated from {Table} where tenant_id = $1 and kind = $2 and scope = $3 and document_id = $4");
        cmd.Parameters.AddWithValue(org); cmd.Parameters.AddWithValue(kind); cmd.Parameters.AddWithValue(scope); cmd.Parameters.AddWithValue(id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new Document(r.GetString(0), r.GetString(1), (byte[])r[2], r.GetString(3), r.GetFieldValue<DateTimeOffset>(4)) : null;
    }

    /// <summary>Ids of the documents in a scope (scope prefix for State without registration), optionally only those updated after since.</summary>
    public async Task<List<string>> IdsAsync(string org, string kind, string scope, DateTimeOffset? since, CancellationToken ct)
    {
        await using var cmd = database.DataSource.CreateCommand($"select document_id from {Table} where tenant_id = $1 and kind = $2 and scope = $3 and ($4::timestamptz is null or updated > $4) order by document_id");
        cmd.Parameters.AddWithValue(org); cmd.Parameters.AddWithValue(kind); cmd.Parameters.AddWithValue(scope);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)since ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        var ids = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) ids.Add(r.GetString(0));
        return ids;
    }

    public async Task PutAsync(string org, string kind, string scope, Document d, CancellationToken ct)
    {
        await using var cmd = database.DataSource.CreateCommand(
            $"insert into {Table} (tenant_id, kind, scope, document_id, content_type, content, etag, updated) values ($1, $2, $3, $4, $5, $6, $7, $8) " +
            "on conflict (tenant_id, kind, scope, document_id) do update set content_type = excluded.content_type, content = excluded.content, etag = excluded.etag, updated = excluded.updated");
        cmd.Parameters.AddWithValue(org); cmd.Parameters.AddWithValue(kind); cmd.Parameters.AddWithValue(scope); cmd.Parameters.AddWithValue(d.Id);
        cmd.Parameters.AddWithValue(d.ContentType); cmd.Parameters.AddWithValue(d.Content); cmd.Parameters.AddWithValue(d.ETag); cmd.Parameters.AddWithValue(d.Updated);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Deletes one document, or every document of the scope when id is null.</summary>
    public async Task DeleteAsync(string org, string kind, string scope, string? id, CancellationToken ct)
    {
        await using var cmd = database.DataSource.CreateCommand($"delete from {Table} where tenant_id = $1 and kind = $2 and scope = $3 and ($4::text is null or document_id = $4)");
        cmd.Parameters.AddWithValue(org); cmd.Parameters.AddWithValue(kind); cmd.Parameters.AddWithValue(scope);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
