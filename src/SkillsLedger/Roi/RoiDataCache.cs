using Npgsql;
using SkillsLedger.Domain.Events;
using SkillsLedger.Infrastructure;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Roi;

/// <summary>
/// The ROI data of an organisation (people, courses, every performance signal, costs, assumptions), loaded once and
/// reused by ROI of every programme, ROI of one programme and the ROI report until the analytics projection moves.
/// Loading 100,000 people and their four million signals is most of a cold ROI request; an L&amp;D leader typically
/// opens the ROI figures, then the report, then a programme.
/// </summary>
/// <remarks>
/// Never stale: every request first reads the projection's position (<see cref="LedgerProgress.AnalyticsAsync"/>: the last
/// event applied and when its row was written). The analytics tables change only through that projection, in the same
/// transaction that moves its row, or through `rebuild analytics`, which rewrites the row too (when a running
/// daemon keeps its position, the rebuild reproduces the same rows up to it). A cached set is used only when the
/// position is exactly the one it was loaded at — read in the same snapshot as the data — so any new event, rebuild
/// or erasure applied to the tables makes the next request load afresh. A few organisations at most are kept
/// (least recently used goes first); the figures themselves are computed per request (they depend on asOf).
/// </remarks>
public sealed class RoiDataCache(LedgerDatabase db)
{
    public const int Organisations = 2;

    /// <summary>Above this many new events, loading afresh is cheaper than looking through them.</summary>
    public const long MaxEventsToCheck = 1_000_000;

    /// <summary>Event types whose projection writes none of the tables ROI reads (AnalyticsPage: skill and catalogue tables only).</summary>
    private static readonly string[] NotRoiEvents =
    [
        EventTypes.NameOf(typeof(SkillAssessed)), EventTypes.NameOf(typeof(AssessmentRetracted)),
        EventTypes.NameOf(typeof(SkillDefined)), EventTypes.NameOf(typeof(RoleProfileDefined)),
    ];

    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _clock;

    /// <param name="At">The position the data is exact for.</param>
    /// <param name="CarriedOver">Loaded at an earlier position and found unchanged up to <paramref name="At"/>.</param>
    private sealed record Entry(AnalyticsPosition? At, Task<(AnalyticsPosition? At, RoiData Data)> Load, bool CarriedOver = false)
    {
        public long LastUsed { get; set; }
    }

    public async Task<RoiData> GetAsync(string org, CancellationToken ct)
    {
        AnalyticsPosition? now;
        await using (var conn = await db.DataSource.OpenConnectionAsync(ct))
        {
            now = await LedgerProgress.AnalyticsAsync(conn, null, ct);
            Entry? loaded = null;
            lock (_gate)
                if (_entries.TryGetValue(org, out var e) && e.At is { } was && now is { } n && was != n && e.Load.IsCompletedSuccessfully
                    && n.Sequence >= was.Sequence && n.Sequence - was.Sequence <= MaxEventsToCheck)
                    loaded = e;
            if (loaded is not null && !await RoiEventsBetweenAsync(conn, org, loaded.At!.Value.Sequence, now!.Value.Sequence, ct))
                lock (_gate)
                    if (_entries.TryGetValue(org, out var current) && ReferenceEquals(current, loaded))
                        _entries[org] = new Entry(now, loaded.Load, CarriedOver: true) { LastUsed = loaded.LastUsed };
        }
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(org, out entry!) || entry.At != now || entry.Load.IsFaulted || entry.Load.IsCanceled)
            {
                // Not tied to this request's cancellation: another request may be waiting for the same load.
                entry = new Entry(now, LoadAsync(org));
                _entries[org] = entry;
                while (_entries.Count > Organisations)
                    _entries.Remove(_entries.MinBy(e => e.Value.LastUsed).Key);
            }
            entry.LastUsed = ++_clock;
        }
        var (at, data) = await entry.Load.WaitAsync(ct);
        if (at != entry.At && !entry.CarriedOver)
            // The projection moved between our look and the load's snapshot: the data is newer than the key, so
            // file it under the position it was really read at (a later request at that position can use it).
            lock (_gate)
                if (_entries.TryGetValue(org, out var current) && ReferenceEquals(current, entry))
                    _entries[org] = new Entry(at, entry.Load) { LastUsed = entry.LastUsed };
        return data;
    }

    private Task<(AnalyticsPosition? At, RoiData Data)> LoadAsync(string org) => LoadAsync(db, org, CancellationToken.None);

    /// <summary>
    /// The projection's position and the ROI data, read in one snapshot of the database over two connections
    /// (the second imports the first's exported snapshot), so the position names exactly the data read.
    /// </summary>
    public static async Task<(AnalyticsPosition? At, RoiData Data)> LoadAsync(LedgerDatabase db, string org, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var at = await LedgerProgress.AnalyticsAsync(conn, tx, ct);
        string snapshot;
        await using (var export = new NpgsqlCommand("select pg_export_snapshot()", conn, tx))
            snapshot = (string)(await export.ExecuteScalarAsync(ct))!;
        await using var other = await db.DataSource.OpenConnectionAsync(ct);
        await using var otherTx = await other.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using (var import = new NpgsqlCommand($"set transaction snapshot '{snapshot.Replace("'", "''")}'", other, otherTx))
            await import.ExecuteNonQueryAsync(ct);
        var data = await RoiData.LoadAsync(conn, other, org, ct);
        await otherTx.CommitAsync(ct);
        await tx.CommitAsync(ct);
        return (at, data);
    }

    /// <summary>Whether any event of this organisation after <paramref name="from"/> up to <paramref name="to"/> may change its ROI data.</summary>
    private static async Task<bool> RoiEventsBetweenAsync(NpgsqlConnection conn, string org, long from, long to, CancellationToken ct)
    {
        if (from == to) return false;
        await using var cmd = new NpgsqlCommand(OrganisationLogReads.AnyEventBetween, conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(from);
        cmd.Parameters.AddWithValue(to);
        cmd.Parameters.AddWithValue(NotRoiEvents);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
