using Npgsql;
using SkillsLedger.Projections.Analytics;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Infrastructure;

/// <summary>
/// Figures that take long to compute (readiness with its 24-month trend, the strategic goals' forecasts, the
/// effectiveness comparison) kept for as long as the ledger has not changed, so a dashboard page or API call that asks
/// the same question again answers at once. Never stale: the key includes the ledger's stamp — the newest event's
/// sequence (any append anywhere moves it) and the analytics projection's row (last event applied and when the row was
/// written; a rebuild rewrites it) — read before computing, so a figure is reused only for exactly the ledger state it
/// was computed on (or a newer one it was already reading, never an older). Each figure is computed once even when
/// several requests ask at the same time. At most <see cref="Capacity"/> figures are kept, least recently used first out.
/// </summary>
public sealed class FigureCache(LedgerDatabase db)
{
    public const int Capacity = 64;

    private sealed class Entry(Task<object> value)
    {
        public Task<object> Value { get; } = value;
        public long LastUsed { get; set; }
    }

    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _clock;

    /// <summary>The ledger's state when a figure is asked for.</summary>
    /// <param name="NewestRecorded">When the newest events were recorded: a knownAt at or after it sees the whole ledger.</param>
    public readonly record struct Stamp(string Id, DateTimeOffset NewestRecorded)
    {
        /// <summary>knownAt as a key: "latest" when it sees every event recorded so far (knownAt = now, the usual case).</summary>
        public string KnownAt(DateTimeOffset knownAt) => knownAt >= NewestRecorded ? "latest" : knownAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <param name="key">What is asked, with every argument that changes the answer (organisation, asOf, grouping…).</param>
    public Task<T> GetAsync<T>(string key, Func<CancellationToken, Task<T>> compute, CancellationToken ct) where T : class =>
        GetAsync(_ => key, compute, ct);

    /// <param name="key">As above, built knowing the ledger's state (for a knownAt argument: <see cref="Stamp.KnownAt"/>).</param>
    public async Task<T> GetAsync<T>(Func<Stamp, string> key, Func<CancellationToken, Task<T>> compute, CancellationToken ct) where T : class
    {
        var stamp = await StampAsync(ct);
        var full = $"{stamp.Id}|{typeof(T).Name}|{key(stamp)}";
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(full, out entry!) || entry.Value.IsFaulted || entry.Value.IsCanceled)
            {
                // Not tied to this request's cancellation: another request may be waiting for the same figure.
                entry = new Entry(Compute(compute));
                _entries[full] = entry;
                while (_entries.Count > Capacity)
                    _entries.Remove(_entries.MinBy(e => e.Value.LastUsed).Key);
            }
            entry.LastUsed = ++_clock;
        }
        return (T)await entry.Value.WaitAsync(ct);
    }

    private static async Task<object> Compute<T>(Func<CancellationToken, Task<T>> compute) where T : class =>
        await Task.Run(() => compute(CancellationToken.None));

    /// <summary>
    /// The ledger's state: newest event sequence, the analytics projection's position and write time, and when the
    /// newest events were recorded (over the last 1,000 sequences: concurrent appends may record out of sequence order).
    /// </summary>
    private async Task<Stamp> StampAsync(CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"""
            with top as (select coalesce(max(seq_id), 0) as seq from {MartenTables.Events})
            select top.seq, p.last_seq_id, p.last_updated,
                   (select max(e.timestamp) from {MartenTables.Events} e where e.seq_id > top.seq - 1000)
              from top left join {MartenTables.Progression} p on p.name = $1
            """, conn);
        cmd.Parameters.AddWithValue(AnalyticsProjection.ShardIdentity);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var id = $"{r.GetInt64(0)}:{(r.IsDBNull(1) ? -1 : r.GetInt64(1))}:{(r.IsDBNull(2) ? 0 : r.GetFieldValue<DateTimeOffset>(2).UtcTicks)}";
        return new Stamp(id, r.IsDBNull(3) ? DateTimeOffset.MinValue : r.GetFieldValue<DateTimeOffset>(3));
    }
}
