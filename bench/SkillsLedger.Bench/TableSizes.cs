using Npgsql;

namespace SkillsLedger.Bench;

/// <summary>
/// On-disk size of the ledger's tables after the run (heap + indexes + TOAST), so docs/scaling.md can extrapolate
/// table sizes from the 1M / 3M / 10M runs instead of guessing.
/// </summary>
public static partial class BenchRunner
{
    private static async Task<Dictionary<string, object>> TableSizesAsync(string cs, CancellationToken ct)
    {
        var sizes = new Dictionary<string, object>();
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            select n.nspname || '.' || c.relname, pg_total_relation_size(c.oid), c.reltuples::bigint
              from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where c.relkind = 'r' and n.nspname in ('ledger', 'analytics') and pg_total_relation_size(c.oid) > 65536
             order by 2 desc
            """, conn);
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                sizes[reader.GetString(0)] = new Dictionary<string, object>
                {
                    ["mb"] = Math.Round(reader.GetInt64(1) / 1048576.0, 1),
                    ["rowsEstimate"] = reader.GetInt64(2),
                };
        await using var total = new NpgsqlCommand("select pg_database_size(current_database())", conn);
        sizes["database total mb"] = Math.Round((long)(await total.ExecuteScalarAsync(ct))! / 1048576.0, 1);
        return sizes;
    }
}
