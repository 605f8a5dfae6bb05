using Npgsql;
using SkillsLedger.Projections.Analytics;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Infrastructure;

/// <summary>The analytics projection's row: the last event it applied and when the row was last written (a rebuild rewrites it).</summary>
public readonly record struct AnalyticsPosition(long Sequence, DateTimeOffset Updated);

/// <summary>How far the ledger and its analytics projection are at one moment.</summary>
/// <param name="NewestSequence">The newest event's sequence number (0 on an empty ledger): any append anywhere moves it.</param>
/// <param name="NewestRecorded">When the newest events were recorded, over the last 1,000 sequences (concurrent appends
/// may record out of sequence order); <see cref="DateTimeOffset.MinValue"/> on an empty ledger.</param>
/// <param name="Analytics">The analytics projection's position; null until the projection has a row.</param>
public readonly record struct LedgerState(long NewestSequence, DateTimeOffset NewestRecorded, AnalyticsPosition? Analytics);

/// <summary>
/// The one reader of the analytics projection's position (its row in Marten's mt_event_progression), for what is kept
/// per ledger state: <see cref="FigureCache"/> keys figures by <see cref="NowAsync"/>, <c>Roi.RoiDataCache</c> reuses
/// loaded ROI data while <see cref="AnalyticsAsync"/> has not moved. The analytics tables change only in the
/// transaction that moves that row, or by `rebuild analytics`, which rewrites it. Marten offers the same row through
/// <c>AllProjectionProgress</c>, but not inside a caller's transaction, which the ROI data's snapshot needs.
/// </summary>
public static class LedgerProgress
{
    private static readonly string Position = $"select last_seq_id, last_updated from {MartenTables.Progression} where name = $1";

    /// <summary>The analytics projection's position, in <paramref name="tx"/>'s snapshot when given; null before it has a row.</summary>
    public static async Task<AnalyticsPosition?> AnalyticsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(Position, conn, tx);
        cmd.Parameters.AddWithValue(AnalyticsProjection.ShardIdentity);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    /// <summary>The newest event, when it was recorded and the analytics projection's position, in one round trip.</summary>
    public static async Task<LedgerState> NowAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            with top as (select coalesce(max(seq_id), 0) as seq from {MartenTables.Events})
            select p.last_seq_id, p.last_updated, top.seq,
                   (select max(e.timestamp) from {MartenTables.Events} e where e.seq_id > top.seq - 1000)
              from top left join ({Position}) p on true
            """, conn);
        cmd.Parameters.AddWithValue(AnalyticsProjection.ShardIdentity);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new LedgerState(r.GetInt64(2), r.IsDBNull(3) ? DateTimeOffset.MinValue : r.GetFieldValue<DateTimeOffset>(3), r.IsDBNull(0) ? null : Read(r));
    }

    /// <summary>The newest event's sequence number (0 on an empty ledger).</summary>
    public static async Task<long> NewestSequenceAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {MartenTables.Events}", conn);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>As above, on a connection of its own (the CLI verbs, before their store runs).</summary>
    public static async Task<long> NewestSequenceAsync(string connectionString, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        return await NewestSequenceAsync(conn, ct);
    }

    /// <summary>The daemon's own row among Marten's projection progress (<c>AllProjectionProgress</c>): the high-water mark.</summary>
    public const string HighWaterMark = "HighWaterMark";

    /// <summary>Whether a row of Marten's projection progress is a projection's shard, not one of the daemon's own rows.</summary>
    public static bool IsProjectionShard(string shardName) => shardName is not HighWaterMark and not "HighWaterAllocationFence";

    /// <summary>The position from the first two columns (last_seq_id, last_updated).</summary>
    private static AnalyticsPosition Read(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.IsDBNull(1) ? default : r.GetFieldValue<DateTimeOffset>(1));
}
