using Npgsql;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Ingestion;

/// <summary>ledger_idempotency: the first successful response per Idempotency-Key, read and written inside the append's transaction.</summary>
internal static class IdempotencyRecords
{
    private static readonly string Table = $"{LedgerStoreConfiguration.Schema}.{LedgerTables.Idempotency}";

    /// <returns>The stored response to replay, a conflict when the key came with another body, or null for a new key.</returns>
    public static async Task<AppendOutcome?> FindAsync(NpgsqlConnection conn, string organisation, IdempotencyRequest request, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select request_hash, status, response from {Table} where tenant_id = $1 and key = $2", conn);
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(request.Key);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        if (reader.GetString(0) != request.RequestHash)
            return new AppendOutcome.Conflict("Idempotency-Key", "this key was already used with a different request body");
        return new AppendOutcome.Replay(new StoredResponse(reader.GetInt32(1), reader.GetString(2)));
    }

    public static async Task StoreAsync(NpgsqlConnection conn, string organisation, IdempotencyRequest request, StoredResponse response,
        DateTimeOffset at, CancellationToken ct)
    {
        // A concurrent request with the same key makes this insert fail on the primary key: the retry replays its response.
        await using var cmd = new NpgsqlCommand(
            $"insert into {Table} (tenant_id, key, request_hash, status, response, created_at) values ($1, $2, $3, $4, $5, $6)", conn);
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(request.Key);
        cmd.Parameters.AddWithValue(request.RequestHash);
        cmd.Parameters.AddWithValue(response.Status);
        cmd.Parameters.AddWithValue(response.Json);
        cmd.Parameters.AddWithValue(at);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
