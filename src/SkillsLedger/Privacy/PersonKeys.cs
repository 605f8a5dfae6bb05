using System.Security.Cryptography;
using Npgsql;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Privacy;

/// <summary>Per-person keys in ledger_person_keys. A row with a null key is an erased person.</summary>
public static class PersonKeys
{
    private static readonly string Table = $"{LedgerStoreConfiguration.Schema}.{LedgerTables.PersonKeys}";

    /// <summary>Keys for these people, created where missing (inside the caller's transaction); null = erased.</summary>
    public static async Task<Dictionary<string, byte[]?>> GetOrCreateAsync(NpgsqlConnection conn, string organisation, IReadOnlyCollection<string> people, CancellationToken ct)
    {
        if (people.Count == 0) return [];
        var ids = people.Distinct().ToArray();
        await using (var insert = new NpgsqlCommand(
            $"insert into {Table} (tenant_id, person_id, key, created_at) select $1, p, k, now() from unnest($2::text[], $3::bytea[]) as x(p, k) on conflict do nothing", conn))
        {
            insert.Parameters.AddWithValue(organisation);
            insert.Parameters.AddWithValue(ids);
            insert.Parameters.AddWithValue(ids.Select(_ => RandomNumberGenerator.GetBytes(32)).ToArray());
            await insert.ExecuteNonQueryAsync(ct);
        }
        return await LoadAsync(conn, organisation, ids, ct);
    }

    /// <summary>Existing keys only (reads never create keys). People without a row are absent; erased ones map to null.</summary>
    public static async Task<Dictionary<string, byte[]?>> LoadAsync(NpgsqlConnection conn, string organisation, IReadOnlyCollection<string> people, CancellationToken ct)
    {
        var keys = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        if (people.Count == 0) return keys;
        await using var cmd = new NpgsqlCommand($"select person_id, key from {Table} where tenant_id = $1 and person_id = any($2)", conn);
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(people.Distinct().ToArray());
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) keys[r.GetString(0)] = r.IsDBNull(1) ? null : r.GetFieldValue<byte[]>(1);
        return keys;
    }

    /// <summary>Destroys the key (or records the erasure for someone who never had one). True when this call erased it.</summary>
    public static async Task<bool> DestroyAsync(NpgsqlConnection conn, string organisation, string personId, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            insert into {Table} (tenant_id, person_id, key, created_at, erased_at) values ($1, $2, null, $3, $3)
            on conflict (tenant_id, person_id) do update set key = null, erased_at = excluded.erased_at
            where {Table}.erased_at is null
            """, conn);
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(personId);
        cmd.Parameters.AddWithValue(at);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Every erasure of the organisation, newest first: whose key was destroyed and when.</summary>
    public static async Task<IReadOnlyList<(string PersonId, DateTimeOffset ErasedAt)>> ErasuresAsync(NpgsqlConnection conn, string organisation, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select person_id, erased_at from {Table} where tenant_id = $1 and erased_at is not null order by erased_at desc, person_id", conn);
        cmd.Parameters.AddWithValue(organisation);
        var rows = new List<(string, DateTimeOffset)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) rows.Add((r.GetString(0), r.GetFieldValue<DateTimeOffset>(1)));
        return rows;
    }
}
