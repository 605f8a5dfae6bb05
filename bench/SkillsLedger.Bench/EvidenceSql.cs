using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using SkillsLedger.Infrastructure;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Bench;

/// <summary>
/// Raw PostgreSQL for the person-level reads: PersonEvidenceQuery's statements (<see cref="PersonStreamReads"/>: the
/// person's stream exists, their assessments and retractions) over Npgsql, every column read; no HTTP, no service. The pool has the settings of
/// the service's read pool (LedgerDatabase.Reads: prepared statements, no reset): PostgreSQL used well.
/// </summary>
public sealed class EvidenceSql(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(LedgerDatabase.ForReads(connectionString));

    /// <summary>
    /// Closed loop (no rate): <paramref name="clients"/> tasks, each running the next person's read when its last one
    /// is read to the end. With a rate, read i is due at start + i / rate and timed from then (<see cref="Pacing"/>).
    /// </summary>
    public async Task<(List<double> LatenciesMs, TimeSpan Elapsed)> LoadAsync(string[] people, int clients, double? rate, CancellationToken ct)
    {
        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Pacing.RunAsync(people.Length, clients, rate, async (i, t) =>
        {
            await using var conn = await _dataSource.OpenConnectionAsync(ct);
            await using var batch = new NpgsqlBatch(conn);
            foreach (var sql in new[] { PersonStreamReads.StreamExists, PersonStreamReads.Evidence })
                batch.BatchCommands.Add(new NpgsqlBatchCommand(sql) { Parameters = { new() { Value = "default" }, new() { Value = "person:" + people[i] } } });
            await using var r = await batch.ExecuteReaderAsync(ct);
            do { while (await r.ReadAsync(ct)) for (var c = 0; c < r.FieldCount; c++) r.GetValue(c); } while (await r.NextResultAsync(ct));
            latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }, ct);
        return (latencies.ToList(), clock.Elapsed);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
