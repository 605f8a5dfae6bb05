using System.Diagnostics;
using Npgsql;
using SkillsLedger.Projections.Analytics;

namespace SkillsLedger.ProjectionOps;

/// <summary>
/// Fills every table except skill_assessment and the two derived from it on a second connection while the main one
/// fills those, so both cores work: the catalogue, person and course tables from one scan of the minor events, and
/// performance_signal (a fifth of the rows) straight from the log. The split is chosen so both sides take about as
/// long (figures: docs/performance.md, "Figures behind choices in the code"). A transaction cannot
/// span two connections, so these tables are built and committed in a schema of their own that readers never look at
/// (`analytics_rebuild_p` + the main connection's process id); the main transaction then moves them into its own
/// staging schema and drops that one, so they reach `analytics` only with the main commit. If the rebuild fails, the
/// schema is dropped; one left by a crashed process is dropped by the next rebuild.
/// </summary>
internal sealed class AnalyticsSecondConnection
{
    /// <summary>Tables filled on the second connection: none reads another table the rebuild writes.</summary>
    public static readonly string[] Tables = AnalyticsSchema.Tables.Except(AnalyticsRebuildSql.AssessmentTables).ToArray();

    /// <summary>What the second connection did, and how many events its minor-events table held.</summary>
    public sealed record Filled(List<RebuiltTable> Tables, long MinorEvents);

    private const string Prefix = AnalyticsTableSwap.Staging + "_p";

    public string Schema { get; }
    private readonly string _connectionString;

    public AnalyticsSecondConnection(string connectionString, int mainProcessId)
    {
        _connectionString = connectionString;
        Schema = Prefix + mainProcessId;
    }

    /// <summary>Drops schemas left by rebuilds whose connection is gone (a crash between the two commits).</summary>
    public static async Task DropLeftoversAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var leftovers = new List<string>();
        await using (var cmd = new NpgsqlCommand($"""
            select nspname from pg_namespace
             where nspname like '{Prefix}%' and substr(nspname, {Prefix.Length + 1}) ~ '^[0-9]+$'
               and substr(nspname, {Prefix.Length + 1})::int not in (select pid from pg_stat_activity)
            """, conn))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) leftovers.Add(reader.GetString(0));
        foreach (var schema in leftovers)
        {
            await using var drop = new NpgsqlCommand($"drop schema if exists {schema} cascade", conn);
            await drop.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Fills and indexes <see cref="Tables"/> in <see cref="Schema"/> by <paramref name="steps"/> (every rebuild step
    /// but the assessment ones), committed; reports each step as it ends.
    /// </summary>
    public async Task<Filled> FillAsync(IEnumerable<AnalyticsRebuildSql.Step> steps, long cut, Action<string> progress, CancellationToken ct)
    {
        var done = new List<RebuiltTable>();
        await using var conn = new NpgsqlConnection(RunningServices.Tag(_connectionString, RunningServices.RebuildApplicationName));
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var settings = new NpgsqlCommand(AnalyticsFullRebuild.SessionSettings, conn, tx))
            await settings.ExecuteNonQueryAsync(ct);
        await AnalyticsTableSwap.CreateEmptyCopiesAsync(conn, tx, Schema, Tables, ct);
        foreach (var step in steps)
        {
            var clock = Stopwatch.StartNew();
            await using var cmd = new NpgsqlCommand(step.Sql, conn, tx) { CommandTimeout = 0 };
            cmd.Parameters.AddWithValue(cut);
            var table = new RebuiltTable(step.Table, await cmd.ExecuteNonQueryAsync(ct), clock.Elapsed);
            done.Add(table);
            progress(AnalyticsFullRebuild.Describe(table) + " (second connection)");
        }
        long minorEvents;
        await using (var count = new NpgsqlCommand(AnalyticsRebuildSql.MinorEventCount, conn, tx))
            minorEvents = (long)(await count.ExecuteScalarAsync(ct))!;
        done.AddRange(await AnalyticsTableSwap.BuildIndexesAsync(conn, tx, Schema, Tables, s => progress(s + " (second connection)"), ct));
        await tx.CommitAsync(ct);
        return new Filled(done, minorEvents);
    }

    /// <summary>Inside the main transaction: the filled tables join the main staging schema; ours goes with the commit.</summary>
    public async Task AdoptAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var sql = string.Join("\n", Tables.Select(t => $"alter table {Schema}.{t} set schema {AnalyticsTableSwap.Staging};"))
                  + $"\ndrop schema {Schema};";
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>After a failed rebuild: drops what the second connection committed (nothing if it failed too).</summary>
    public async Task DropAsync()
    {
        await using var conn = new NpgsqlConnection(_connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"drop schema if exists {Schema} cascade", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
