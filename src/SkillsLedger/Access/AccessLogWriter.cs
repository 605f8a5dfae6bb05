using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Access;

/// <summary>One access-log row waiting to be written.</summary>
public sealed record AccessLogRow(string Organisation, DateTimeOffset At, string Who, string Method, string Route, string Path,
    string? PersonId, string? Team, int Status);

/// <summary>
/// Writes access-log rows in batches: one COPY every <see cref="FlushEvery"/> (or as soon as <see cref="BatchRows"/>
/// are waiting) instead of one durable commit per read, which cost every person-level read a synchronous WAL flush.
/// Readers of the log call <see cref="FlushAsync"/> first, so they see every read recorded before theirs. On a
/// graceful stop the queue is written out; a crash loses at most the rows of the last <see cref="FlushEvery"/>
/// (docs/security.md). When the database falls behind, recording waits for a flush instead of growing the queue
/// without bound or dropping rows.
/// </summary>
public sealed class AccessLogWriter(LedgerDatabase database, ILogger<AccessLogWriter> logger) : BackgroundService
{
    public static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(200);
    public const int BatchRows = 500;
    /// <summary>Above this many waiting rows a new row is written before its request completes.</summary>
    public const int MaxQueued = 10_000;

    private static readonly string Copy =
        $"copy {LedgerStoreConfiguration.Schema}.{LedgerTables.AccessLog} (tenant_id, at, who, method, route, path, person_id, team, status) from stdin (format binary)";

    private readonly ConcurrentQueue<AccessLogRow> _queue = new();
    // One writer at a time, so FlushAsync returning means every row queued before the call is in the table.
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    // Rows taken off the queue whose write failed: written first on the next attempt, order kept.
    private List<AccessLogRow> _retry = [];

    public async ValueTask RecordAsync(AccessLogRow row, CancellationToken ct)
    {
        _queue.Enqueue(row);
        var queued = _queue.Count;
        if (queued >= MaxQueued) await FlushAsync(ct);
        else if (queued == BatchRows) _wake.Release();
    }

    /// <summary>Writes every row recorded before this call.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        await _writing.WaitAsync(ct);
        try
        {
            var rows = _retry;
            _retry = [];
            while (_queue.TryDequeue(out var row)) rows.Add(row);
            if (rows.Count == 0) return;
            try
            {
                await WriteAsync(rows, CancellationToken.None);
            }
            catch
            {
                _retry = rows;
                throw;
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(FlushEvery, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            try
            {
                await FlushAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Kept for the next attempt; readers of the log see the error when they flush.
                logger.LogError(ex, "Could not write {Rows} access-log rows; retrying", _retry.Count);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The web server has stopped taking requests by now (hosted services stop in reverse order): write the rest.
        await FlushAsync(cancellationToken);
    }

    private async Task WriteAsync(List<AccessLogRow> rows, CancellationToken ct)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(ct);
        await using var copy = await conn.BeginBinaryImportAsync(Copy, ct);
        foreach (var r in rows)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(r.Organisation, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(r.At, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(r.Who, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(r.Method, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(r.Route, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(r.Path, NpgsqlDbType.Varchar, ct);
            if (r.PersonId is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync(r.PersonId, NpgsqlDbType.Varchar, ct);
            if (r.Team is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync(r.Team, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(r.Status, NpgsqlDbType.Integer, ct);
        }
        await copy.CompleteAsync(ct);
    }
}
