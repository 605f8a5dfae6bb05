using System.Diagnostics;
using Npgsql;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Bench;

/// <summary>
/// copy-ledger-baseline: what PostgreSQL alone does with exactly the rows the import wrote. Each table the import
/// fills is dumped (untimed) with binary COPY, then COPYed back, timed, into an empty copy of it with the same
/// indexes and constraints (`like … including all`; foreign keys are never copied by LIKE, and the import skips
/// mt_events' one as a superuser too). No parsing, validation, encryption, serialisation or hashing: the server's
/// share of an import at its cheapest. The raw copy-baseline writes one narrow row per event into a table without
/// indexes; this one writes what the ledger must keep (the event with its metadata, its stream, the event-id index,
/// the hash chain, the people's keys), so the gap between the two is the cost of the ledger's own rows.
/// </summary>
public static partial class BenchRunner
{
    /// <summary>The tables `skillsledger import` writes rows to (the catalogue's inline documents are a few rows).</summary>
    private static readonly string[] ImportedTables =
        ["mt_events", "mt_streams", LedgerTables.EventIds, LedgerTables.Chain, LedgerTables.PersonKeys];

    private static async Task<ScenarioResult> CopyLedgerBaselineAsync(string cs, string work, ScenarioResult? copy, Action<string> say, CancellationToken ct)
    {
        const string target = "bench_copy_ledger";
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        await ExecuteAsync(conn, $"drop schema if exists {target} cascade; create schema {target}", ct);
        var files = new Dictionary<string, string>();
        try
        {
            foreach (var table in ImportedTables)
            {
                await ExecuteAsync(conn, $"create table {target}.{table} (like {Schema}.{table} including all)", ct);
                var file = files[table] = Path.Combine(work, $"copy-ledger-{table}.bin");
                await using var output = File.Create(file);
                await using var dump = await conn.BeginRawBinaryCopyAsync($"copy {Schema}.{table} to stdout (format binary)", ct);
                await dump.CopyToAsync(output, ct);
            }

            var seconds = new Dictionary<string, double>();
            var clock = Stopwatch.StartNew();
            foreach (var table in ImportedTables)
            {
                var step = Stopwatch.StartNew();
                await using (var input = File.OpenRead(files[table]))
                await using (var load = await conn.BeginRawBinaryCopyAsync($"copy {target}.{table} from stdin (format binary)", ct))
                    await input.CopyToAsync(load, ct);
                seconds[table] = Math.Round(step.Elapsed.TotalSeconds, 3);
            }
            clock.Stop();
            var steps = new Dictionary<string, object>();
            foreach (var table in ImportedTables)
                steps[table] = new Dictionary<string, object> { ["rows"] = await CountAsync(conn, $"{target}.{table}", ct), ["seconds"] = seconds[table] };
            var events = (long)((Dictionary<string, object>)steps["mt_events"])["rows"];
            var r = Result("copy-ledger-baseline", events, clock.Elapsed, "events", copy, copy is null ? null : "copy-baseline", new()
            {
                ["table"] = "empty copies of the tables the import writes, same indexes and constraints, binary COPY of the imported rows, one transaction per table",
                ["tables"] = steps,
            });
            say($"copy-ledger-baseline: the import's rows ({events:N0} events) COPYed into copies of its tables in {clock.Elapsed.TotalSeconds:N1} s = {r.Rate:N0} events/s" +
                (copy is null ? "" : $" ({r.Ratio:P1} of copy-baseline)"));
            return r;
        }
        finally
        {
            await ExecuteAsync(conn, $"drop schema if exists {target} cascade", CancellationToken.None);
            foreach (var file in files.Values) File.Delete(file);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> CountAsync(NpgsqlConnection conn, string table, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select count(*) from {table}", conn) { CommandTimeout = 0 };
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
