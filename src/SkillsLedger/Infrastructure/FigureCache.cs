using System.Diagnostics;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Infrastructure;

/// <summary>
/// Figures that take long to compute (readiness with its 24-month trend, the strategic goals' forecasts, the
/// effectiveness comparison, ROI) kept per ledger state, so a dashboard page or API call that asks the same question
/// again answers at once. The key includes the ledger's stamp — the newest event's sequence (any append anywhere moves
/// it) and the analytics projection's row (last event applied and when the row was written; a rebuild rewrites it) —
/// read before computing. Each figure is computed once even when several requests ask at the same time. At most
/// <see cref="Capacity"/> figures are kept, least recently used first out.
/// </summary>
/// <remarks>
/// <para>A figure that computes quickly is never stale: it is reused only for exactly the ledger state it was computed
/// on, otherwise computed afresh while the caller waits.</para>
/// <para>A <b>slow</b> figure (its last computation took at least <see cref="SlowFigure"/>: at 100,000 people the
/// goals' forecasts take ~40 s) is answered from its last computation while the ledger moves on, and one new
/// computation at the current state starts in the background; the next request after it finishes gets the new
/// figure. Otherwise a ledger that receives events every few seconds would make every page view wait for a full
/// computation. The answer says so: <see cref="Served"/> is told the state the figure reflects (the dashboard shows a
/// notice, the API a <c>Figures-Through-Event</c> header), so nobody mistakes it for the latest.</para>
/// <para>Those new computations run one at a time, each no sooner than <see cref="SlowRefresh"/> or four times its last
/// computation's length after the last one (whichever is longer): on two cores, several slow figures recomputed at
/// once while events kept arriving took both and made every page wait (docs/performance.md); in one lane they leave
/// the other core to the people using the service.</para>
/// </remarks>
/// <param name="slowFigure">A figure whose last computation took at least this long is answered from it while the next
/// one runs (default <see cref="SlowFigure"/>).</param>
/// <param name="served">Told when a figure is answered from an earlier ledger state (the host passes it to the request).</param>
/// <param name="slowRefresh">The least time between the end of a slow figure's computation and the start of the next
/// (default <see cref="SlowRefresh"/>).</param>
/// <param name="log">Each computation of a second or more is logged with its time (what an operator needs to see which
/// figure holds pages up).</param>
/// <param name="waitLimit">How much longer the caller may wait for a figure still being computed (null: as long as it
/// takes; the host passes what the dashboard page set for its request). Past it, <see cref="FiguresBeingComputed"/> is
/// thrown and the computation goes on for the next caller.</param>
public sealed class FigureCache(LedgerDatabase db, TimeSpan? slowFigure = null, Action<FigureAge>? served = null, TimeSpan? slowRefresh = null,
    TimeProvider? clock = null, ILogger? log = null, Func<TimeSpan?>? waitLimit = null)
{
    public const int Capacity = 64;

    /// <summary>
    /// Five seconds, for hosts other than `serve` (the test hosts): a test ledger's figures take milliseconds, so even on
    /// a loaded machine none of them is answered from an earlier state. `serve` passes <see cref="ServedSlowFigure"/>.
    /// </summary>
    public static readonly TimeSpan SlowFigure = TimeSpan.FromSeconds(5);

    /// <summary>
    /// One second, for `serve`: a page has 2 s at 100,000 people, so a figure that takes a second or more (growth 3–5 s,
    /// readiness ~30 s, effectiveness ~90 s there) cannot be computed while the page waits each time the ledger moves.
    /// </summary>
    public static readonly TimeSpan ServedSlowFigure = TimeSpan.FromSeconds(1);

    /// <summary>A slow figure's next computation starts no sooner than this many times its last computation's length.</summary>
    public const int RefreshPerComputation = 4;

    /// <summary>
    /// Three minutes. While events keep arriving, recomputing every slow figure back to back kept both cores busy at
    /// 100,000 people and made every page slow (docs/performance.md); spaced, a slow figure lags the ledger by at most
    /// this plus one computation, and says so.
    /// </summary>
    public static readonly TimeSpan SlowRefresh = TimeSpan.FromMinutes(3);

    private readonly TimeSpan _slow = slowFigure ?? SlowFigure;
    private readonly TimeSpan _refresh = slowRefresh ?? SlowRefresh;
    private readonly TimeProvider _time = clock ?? TimeProvider.System;

    private sealed class Entry(string logical, Stamp stamp)
    {
        public string Logical { get; } = logical;
        public Stamp Stamp { get; } = stamp;
        public Task<object> Value { get; set; } = null!;
        /// <summary>This computation, or an earlier one of the same question, took at least the slow threshold.</summary>
        public bool Slow { get; set; }
        public DateTimeOffset StartedAt { get; set; }
        public DateTimeOffset ComputedAt { get; set; }
        public TimeSpan Took { get; set; }
        public long LastUsed { get; set; }
    }

    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    // Per question (key without the stamp): the newest finished computation, and the one running now, if any.
    private readonly Dictionary<string, Entry> _latest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _running = new(StringComparer.Ordinal);
    // The one lane of recomputations that run while an earlier figure is answered (see remarks).
    private readonly SemaphoreSlim _lane = new(1, 1);
    private long _uses;

    /// <summary>The ledger's state when a figure is asked for.</summary>
    /// <param name="Sequence">The newest event's sequence number.</param>
    /// <param name="NewestRecorded">When the newest events were recorded: a knownAt at or after it sees the whole ledger.</param>
    public readonly record struct Stamp(string Id, long Sequence, DateTimeOffset NewestRecorded)
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
        var logical = $"{typeof(T)}|{key(stamp)}"; // the full name: List<A> and List<B> differ
        var full = $"{stamp.Id}|{logical}";
        Entry entry;
        Entry? previous = null;
        lock (_gate)
        {
            var exact = _entries.TryGetValue(full, out var e) && !e.Value.IsFaulted && !e.Value.IsCanceled ? e : null;
            if (exact is null || !exact.Value.IsCompleted)
                previous = _latest.TryGetValue(logical, out var last) && last.Slow && last.Stamp.Sequence <= stamp.Sequence ? last : null;
            if (exact is null && previous is not null && (_running.ContainsKey(logical) || _time.GetUtcNow() - previous.ComputedAt < Spacing(previous)))
                entry = previous; // a newer one is on its way, or the last one ended moments ago: no second slow computation
            else if (exact is null)
            {
                entry = new Entry(logical, stamp);
                // Not tied to this request's cancellation: another request may be waiting for the same figure.
                entry.Value = Compute(entry, compute, inLane: previous is not null);
                _entries[full] = entry;
                Trim(_entries);
            }
            else entry = exact;
            entry.LastUsed = ++_uses;
        }
        if (previous is not null && !entry.Value.IsCompleted || ReferenceEquals(entry, previous))
        {
            served?.Invoke(new FigureAge(previous!.Stamp.Sequence, stamp.Sequence, previous.ComputedAt));
            return (T)await previous.Value;
        }
        if (!entry.Value.IsCompleted && waitLimit?.Invoke() is { } limit)
        {
            try { return (T)await entry.Value.WaitAsync(limit > TimeSpan.Zero ? limit : TimeSpan.Zero, ct); }
            catch (TimeoutException)
            {
                TimeSpan? lastTook;
                lock (_gate) lastTook = _latest.GetValueOrDefault(logical)?.Took;
                throw new FiguresBeingComputed(entry.StartedAt, lastTook);
            }
        }
        return (T)await entry.Value.WaitAsync(ct);
    }

    private TimeSpan Spacing(Entry last) => TimeSpan.FromTicks(Math.Max(_refresh.Ticks, last.Took.Ticks * RefreshPerComputation));

    /// <param name="inLane">An earlier figure is answered meanwhile: wait for the lane (nobody waits for this one).</param>
    private async Task<object> Compute<T>(Entry entry, Func<CancellationToken, Task<T>> compute, bool inLane) where T : class
    {
        lock (_gate)
        {
            _running[entry.Logical] = entry;
            entry.StartedAt = _time.GetUtcNow();
        }
        if (inLane) await _lane.WaitAsync();
        var clock = Stopwatch.StartNew();
        try
        {
            // In the lane, nobody waits: it must not take the cores from those who do (LedgerDatabase.InBackground).
            object value = (inLane ? await db.InBackground(() => compute(CancellationToken.None)) : await Task.Run(() => compute(CancellationToken.None)))!;
            lock (_gate)
            {
                entry.ComputedAt = _time.GetUtcNow();
                entry.Took = clock.Elapsed;
                var last = _latest.GetValueOrDefault(entry.Logical);
                // Once slow, a question stays slow: a quick recomputation (e.g. data found unchanged) says nothing about the next.
                entry.Slow = clock.Elapsed >= _slow || last?.Slow == true;
                if (clock.Elapsed >= TimeSpan.FromSeconds(1))
                    log?.LogInformation("Figure {Figure} computed at event {Event} in {Seconds:0.0} s", entry.Logical, entry.Stamp.Sequence, clock.Elapsed.TotalSeconds);
                if (last is null || last.Stamp.Sequence <= entry.Stamp.Sequence)
                    _latest[entry.Logical] = entry;
                Trim(_latest);
            }
            return value;
        }
        finally
        {
            if (inLane) _lane.Release();
            lock (_gate)
                if (_running.TryGetValue(entry.Logical, out var running) && ReferenceEquals(running, entry))
                    _running.Remove(entry.Logical);
        }
    }

    private static void Trim(Dictionary<string, Entry> entries)
    {
        while (entries.Count > Capacity)
            entries.Remove(entries.MinBy(e => e.Value.LastUsed).Key);
    }

    /// <summary>
    /// The ledger's state (<see cref="LedgerProgress.NowAsync"/>): newest event sequence, the analytics projection's
    /// position and write time, and when the newest events were recorded.
    /// </summary>
    private async Task<Stamp> StampAsync(CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var now = await LedgerProgress.NowAsync(conn, ct);
        var id = $"{now.NewestSequence}:{now.Analytics?.Sequence ?? -1}:{now.Analytics?.Updated.UtcTicks ?? 0}";
        return new Stamp(id, now.NewestSequence, now.NewestRecorded);
    }
}

/// <summary>A figure answered from an earlier computation: the ledger up to <paramref name="ThroughEvent"/> while it now has <paramref name="NewestEvent"/>.</summary>
public readonly record struct FigureAge(long ThroughEvent, long NewestEvent, DateTimeOffset ComputedAt);

/// <summary>
/// A figure the caller may not wait for any longer is still being computed (started at <paramref name="StartedAt"/>; the
/// last computation of the same question took <paramref name="LastTook"/>, when there was one). It goes on computing.
/// </summary>
public sealed class FiguresBeingComputed(DateTimeOffset startedAt, TimeSpan? lastTook)
    : Exception($"A figure is still being computed (started {startedAt:O})")
{
    public DateTimeOffset StartedAt { get; } = startedAt;
    public TimeSpan? LastTook { get; } = lastTook;
}
