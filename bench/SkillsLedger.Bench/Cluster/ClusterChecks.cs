using SkillsLedger.Projections.EventStore;
using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace SkillsLedger.Bench.Cluster;

/// <summary>After the run: what the ledger holds against what the client was told, and raw PostgreSQL for scale.</summary>
public static class ClusterChecks
{
    /// <summary>Every acknowledged event id stored exactly once in mt_events (and in ledger_event_ids), nothing stored unacknowledged.</summary>
    public static async Task<ExactlyOnceReport> ExactlyOnceAsync(string database, IReadOnlyCollection<string> acknowledged, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(database);
        await conn.OpenAsync(ct);
        var stored = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand(
            $"select data->>'eventId', count(*)::int from {MartenTables.Events} where type <> 'tombstone' group by 1", conn))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) stored[reader.GetString(0)] = reader.GetInt32(1);
        await using var ids = new NpgsqlCommand("select count(*) from ledger.ledger_event_ids", conn);
        var idRows = (long)(await ids.ExecuteScalarAsync(ct))!;

        var acked = acknowledged.ToHashSet(StringComparer.Ordinal);
        var missing = acked.Count(id => !stored.ContainsKey(id));
        var duplicated = stored.Count(s => s.Value > 1);
        var unacknowledged = stored.Keys.Count(id => !acked.Contains(id));
        var events = stored.Values.Sum(v => (long)v);
        return new ExactlyOnceReport(acknowledged.Count, acked.Count, events, idRows, missing, duplicated, unacknowledged,
            acknowledged.Count == acked.Count && missing == 0 && duplicated == 0 && unacknowledged == 0 && idRows == events);
    }

    /// <summary>
    /// Binary COPY of the same events into a plain table in the same database, right after the run: the raw-PostgreSQL
    /// figure the ingest rate is compared with (the bench's copy-baseline, on this server). The table is dropped after.
    /// </summary>
    public static async Task<CopyBaselineReport> CopyBaselineAsync(string database, IEnumerable<IngestBatch> batches, CancellationToken ct)
    {
        var lines = batches.SelectMany(b => JsonDocument.Parse(b.Body).RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetRawText())).ToList();
        await using var conn = new NpgsqlConnection(database);
        await conn.OpenAsync(ct);
        await using (var create = new NpgsqlCommand(
            "drop table if exists public.cluster_copy_baseline; create table public.cluster_copy_baseline (id uuid not null, stream text not null, version int not null, type text not null, data jsonb not null)", conn))
            await create.ExecuteNonQueryAsync(ct);
        var clock = Stopwatch.StartNew();
        await BenchRunner.CopyRawAsync(conn, "public.cluster_copy_baseline", lines, ct);
        clock.Stop();
        await using (var drop = new NpgsqlCommand("drop table public.cluster_copy_baseline", conn)) await drop.ExecuteNonQueryAsync(ct);
        return new CopyBaselineReport(lines.Count, Math.Round(clock.Elapsed.TotalSeconds, 3), Math.Round(lines.Count / Math.Max(clock.Elapsed.TotalSeconds, 1e-6)));
    }
}
