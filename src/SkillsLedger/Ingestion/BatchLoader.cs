using SkillsLedger.Infrastructure;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.Validation;

namespace SkillsLedger.Ingestion;

/// <summary>A line of an import that cannot be loaded; earlier batches stay stored.</summary>
public sealed class LoadStoppedException(long line, string message) : Exception(message)
{
    public long Line { get; } = line;
}

/// <summary>Totals of a load, for the closing report.</summary>
public sealed record LoadTotals(long Appended, long Duplicates, long Batches, long LastSequence);

/// <summary>
/// Appends a stream of events in batches through the same path as HTTP (validation, ids, atomic batches), so
/// memory stays flat whatever the input size, and re-running the same input appends nothing twice.
/// </summary>
public sealed class BatchLoader
{
    private readonly Func<IReadOnlyList<ILedgerEvent>, CancellationToken, Task<Func<CancellationToken, Task<AppendOutcome>>>> _prepare;
    private readonly int _batchSize;

    /// <summary>The normal path: each batch through <see cref="LedgerAppender"/>.</summary>
    public BatchLoader(LedgerAppender appender, AppendContext context, int batchSize = 1000)
        : this((batch, ct) => appender.AppendAsync(batch, context, ct: ct), batchSize) { }

    /// <summary>Any append with the same contract: one batch is stored atomically, or not at all (e.g. <see cref="BulkAppender"/>).</summary>
    public BatchLoader(Func<IReadOnlyList<ILedgerEvent>, CancellationToken, Task<AppendOutcome>> append, int batchSize)
        : this((batch, _) => Task.FromResult<Func<CancellationToken, Task<AppendOutcome>>>(ct => append(batch, ct)), batchSize) { }

    /// <summary>
    /// An append in two steps: <paramref name="prepare"/> runs on the reading thread, ahead of the batch being stored
    /// (work that needs no lock, e.g. <see cref="BulkAppender.PrepareAsync"/>); the step it returns stores the batch.
    /// </summary>
    public BatchLoader(Func<IReadOnlyList<ILedgerEvent>, CancellationToken, Task<Func<CancellationToken, Task<AppendOutcome>>>> prepare, int batchSize)
    {
        _prepare = prepare;
        _batchSize = batchSize;
    }

    public LoadTotals Totals { get; private set; } = new(0, 0, 0, 0);

    /// <param name="onBatch">Called after each stored batch with the running totals.</param>
    /// <remarks>
    /// The next batch is read, parsed and prepared on another thread while the current one is stored (one batch ahead,
    /// so memory stays at about two batches). Batches are stored strictly in file order, and a bad line is reported only after
    /// every batch before it was stored, exactly as if reading and storing took turns.
    /// </remarks>
    public async Task<LoadTotals> LoadAsync(IEnumerable<(long Line, ILedgerEvent Event)> events, Action<LoadTotals>? onBatch, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var ready = Channel.CreateBounded<(List<ILedgerEvent> Batch, List<long> Lines, Func<CancellationToken, Task<AppendOutcome>> Store)>(1);
        Exception? readFailure = null;
        var reader = Task.Run(async () =>
        {
            try
            {
                var batch = new List<ILedgerEvent>(_batchSize);
                var lines = new List<long>(_batchSize);
                using var it = events.GetEnumerator();
                while (true)
                {
                    long line;
                    ILedgerEvent evt;
                    using (ImportProfile.Time("reader: read, parse, shape (other thread)"))
                    {
                        if (!it.MoveNext()) break;
                        (line, evt) = it.Current;
                    }
                    batch.Add(evt);
                    lines.Add(line);
                    if (batch.Count < _batchSize) continue;
                    await ready.Writer.WriteAsync((batch, lines, await PrepareAsync(batch, stop.Token)), stop.Token);
                    // Start the next batch only once this one is being stored: two batches in memory, not three.
                    await ready.Writer.WaitToWriteAsync(stop.Token);
                    batch = new List<ILedgerEvent>(_batchSize);
                    lines = new List<long>(_batchSize);
                }
                if (batch.Count > 0) await ready.Writer.WriteAsync((batch, lines, await PrepareAsync(batch, stop.Token)), stop.Token);
            }
            catch (Exception ex) { readFailure = ex; }
            finally { ready.Writer.Complete(); }
        }, CancellationToken.None);
        try
        {
            while (true)
            {
                (List<ILedgerEvent> Batch, List<long> Lines, Func<CancellationToken, Task<AppendOutcome>> Store) next;
                using (ImportProfile.Time("store: waiting for the reader"))
                {
                    if (!await ready.Reader.WaitToReadAsync(ct)) break;
                    next = await ready.Reader.ReadAsync(ct);
                }
                await FlushAsync(next.Store, next.Lines, onBatch, ct);
            }
        }
        finally
        {
            stop.Cancel(); // a batch that failed to store: stop reading ahead
            await reader;
        }
        if (readFailure is not null) ExceptionDispatchInfo.Capture(readFailure).Throw();
        return Totals;
    }

    private async Task<Func<CancellationToken, Task<AppendOutcome>>> PrepareAsync(List<ILedgerEvent> batch, CancellationToken ct)
    {
        using (ImportProfile.Time("reader: prepare next chunk")) return await _prepare(batch, ct);
    }

    private async Task FlushAsync(Func<CancellationToken, Task<AppendOutcome>> store, List<long> lines, Action<LoadTotals>? onBatch, CancellationToken ct)
    {
        var outcome = await store(ct);
        switch (outcome)
        {
            case AppendOutcome.Appended a:
                Totals = new LoadTotals(Totals.Appended + a.Count, Totals.Duplicates + a.Duplicates, Totals.Batches + 1,
                    Math.Max(Totals.LastSequence, a.LastSequence));
                break;
            case AppendOutcome.Invalid i:
                var first = i.Errors[0];
                var line = first.Index is { } idx ? lines[idx] : lines[0];
                throw new LoadStoppedException(line, $"line {line}: {StripBatchPrefix(first.Field)}: {first.Message}");
            case AppendOutcome.Conflict c:
                throw new LoadStoppedException(lines[0], $"line {lines[0]}: {c.Field}: {c.Detail}");
        }
        onBatch?.Invoke(Totals);
    }

    // "events[12].level" → "level": the line number already says which event.
    private static string StripBatchPrefix(string field) =>
        field.StartsWith("events[", StringComparison.Ordinal) && field.IndexOf("].", StringComparison.Ordinal) is var k and > 0 ? field[(k + 2)..] : field;
}
