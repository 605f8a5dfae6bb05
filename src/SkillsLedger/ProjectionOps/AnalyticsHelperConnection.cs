using System.Diagnostics;
using Npgsql;
using SkillsLedger.Projections.Analytics;

namespace SkillsLedger.ProjectionOps;

/// <summary>
/// Fills some of the rebuild's tables on a connection of its own while the main connection fills others, so both
/// cores work all the time (AnalyticsFullRebuild says which tables go where). A transaction cannot span two
/// connections, so these tables are built and committed in a schema of their own that readers never look at
/// (`analytics_rebuild_p` + the main connection's process id + a suffix per helper); the main transaction then moves
/// them into its own staging schema and drops that one, so they reach `analytics` only with the main commit. If the
/// rebuild fails, the schema is dropped; one left by a crashed process is dropped by the next rebuild.
/// </summary>
internal sealed class AnalyticsHelperConnection
{
    /// <summary>What a helper did, and how many events its minor-events table held (0 when it made none).</summary>
    public sealed record Filled(List<RebuiltTable> Tables, long MinorEvents);

    private const string Prefix = AnalyticsTableSwap.Staging + "_p";

    public string Schema { get; }
    public IReadOnlyList<string> Tables { get; }
    private readonly string _connectionString;
    private readonly string _label;

    /// <param name="suffix">Lower-case letters telling this helper's schema from the others' (may be empty).</param>
    /// <param name="label">How its progress lines name it ("second connection").</param>
    public AnalyticsHelperConnection(string connectionString, int mainProcessId, string suffix, IReadOnlyList<string> tables, string label)
    {
        if (suffix.Any(c => c is < 'a' or > 'z')) throw new ArgumentException("lower-case letters only", nameof(suffix));
        _connectionString = connectionString;
        Schema = Prefix + mainProcessId + suffix;
        Tables = tables;
        _label = label;
    }

    /// <summary>Drops schemas left by rebuilds whose main connection is gone (a crash between the commits).</summary>
    public static async Task DropLeftoversAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var leftovers = new List<string>();
        await using (var cmd = new NpgsqlCommand($"""
            select nspname from pg_namespace
             where nspname like '{Prefix}%' and substr(nspname, {Prefix.Length + 1}) ~ '^[0-9]+[a-z]*$'
               and (regexp_match(substr(nspname, {Prefix.Length + 1}), '^[0-9]+'))[1]::int not in (select pid from pg_stat_activity)
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
    /// Fills and indexes <see cref="Tables"/> in <see cref="Schema"/> by <paramref name="steps"/>, committed; reports
    /// each step as it ends. With <paramref name="rowsCommitted"/>, the rows are committed before the indexes are built
    /// (in a second transaction) and it completes in between, so that the main connection can read them meanwhile
    /// (the index builds' SHARE lock lets it). A failure faults it as well, so nobody waits for rows that never come.
    /// </summary>
    public async Task<Filled> FillAsync(IEnumerable<AnalyticsRebuildSql.Step> steps, long cut, Action<string> progress,
        TaskCompletionSource? rowsCommitted, CancellationToken ct)
    {
        try
        {
            var done = new List<RebuiltTable>();
            await using var conn = new NpgsqlConnection(RunningServices.Tag(_connectionString, RunningServices.RebuildApplicationName));
            await conn.OpenAsync(ct);
            var tx = await BeginAsync(conn, ct);
            try
            {
                await AnalyticsTableSwap.CreateEmptyCopiesAsync(conn, tx, Schema, Tables, ct);
                var minorEvents = false;
                foreach (var step in steps)
                {
                    var clock = Stopwatch.StartNew();
                    await using var cmd = new NpgsqlCommand(step.Sql, conn, tx) { CommandTimeout = 0 };
                    cmd.Parameters.AddWithValue(cut);
                    var table = new RebuiltTable(step.Table, await cmd.ExecuteNonQueryAsync(ct), clock.Elapsed);
                    done.Add(table);
                    minorEvents |= AnalyticsRebuildSql.MakesMinorEvents(step);
                    progress(AnalyticsFullRebuild.Describe(table) + $" ({_label})");
                }
                long minor = 0;
                if (minorEvents)
                {
                    await using var count = new NpgsqlCommand(AnalyticsRebuildSql.MinorEventCount, conn, tx);
                    minor = (long)(await count.ExecuteScalarAsync(ct))!;
                }
                if (rowsCommitted is not null)
                {
                    await tx.CommitAsync(ct);
                    await tx.DisposeAsync();
                    rowsCommitted.TrySetResult();
                    tx = await BeginAsync(conn, ct);
                }
                done.AddRange(await AnalyticsTableSwap.BuildIndexesAsync(conn, tx, Schema, Tables, s => progress(s + $" ({_label})"), ct));
                await tx.CommitAsync(ct);
                return new Filled(done, minor);
            }
            finally
            {
                await tx.DisposeAsync();
            }
        }
        catch (Exception e)
        {
            rowsCommitted?.TrySetException(e);
            throw;
        }
    }

    private static async Task<NpgsqlTransaction> BeginAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var tx = await conn.BeginTransactionAsync(ct);
        await using var settings = new NpgsqlCommand(AnalyticsFullRebuild.SessionSettings, conn, tx);
        await settings.ExecuteNonQueryAsync(ct);
        return tx;
    }

    /// <summary>Inside the main transaction: the filled tables join the main staging schema; ours goes with the commit.</summary>
    public async Task AdoptAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var sql = string.Join("\n", Tables.Select(t => $"alter table {Schema}.{t} set schema {AnalyticsTableSwap.Staging};"))
                  + $"\ndrop schema {Schema};";
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>After a failed rebuild: drops what this helper committed (nothing if it failed before its commit).</summary>
    public async Task DropAsync()
    {
        await using var conn = new NpgsqlConnection(_connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"drop schema if exists {Schema} cascade", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
