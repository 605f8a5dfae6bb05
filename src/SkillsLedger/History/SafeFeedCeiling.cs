using Npgsql;
using SkillsLedger.Infrastructure;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.History;

/// <summary>
/// How far the feed may safely read. Sequence numbers are taken before commit, so two concurrent appends can
/// commit out of order: a poller that saw 11 and moved on would never see 10 when it commits a moment later.
/// The feed therefore stops before the first hole in the sequence whose following event is younger than
/// <see cref="SettleTime"/> (an append still in flight); older holes are appends that rolled back and never fill.
/// The scan covers every organisation's events because sequences are shared.
/// </summary>
public static class SafeFeedCeiling
{
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(2);

    /// <returns>The highest sequence the feed may return, and whether the scan reached the end of the log.</returns>
    public static async Task<(long Ceiling, bool ReachedEnd)> FindAsync(LedgerDatabase database, long after, int scan, CancellationToken ct)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(LedgerProgress.AfterWithAge, conn);
        cmd.Parameters.AddWithValue(after);
        cmd.Parameters.AddWithValue(scan);
        cmd.Parameters.AddWithValue(SettleTime);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var expected = after + 1;
        var rows = 0;
        while (await reader.ReadAsync(ct))
        {
            rows++;
            var seq = reader.GetInt64(0);
            if (seq != expected && reader.GetBoolean(1)) return (expected - 1, false);
            expected = seq + 1;
        }
        return (expected - 1, rows < scan);
    }
}
