using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SkillsLedger.Bench.Cluster;

/// <summary>
/// The load client of bench/cluster.sh: posts batches round-robin over the nodes with an Idempotency-Key per batch,
/// retries a failed or timed-out request on the next node with the same key and body, SIGKILLs the node that runs the
/// analytics projection mid-way, measures how long until another node moves the projection forward, waits for it to
/// catch up, then checks that every acknowledged event is stored exactly once.
/// </summary>
public sealed class ClusterClient(ClusterClientOptions o, TextWriter log)
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, ConnectTimeout = TimeSpan.FromSeconds(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan, // per request, below: a timed-out request is retried elsewhere
    };
    private readonly ConcurrentQueue<string> _acknowledged = new();
    private readonly ConcurrentDictionary<string, int> _failedAttempts = new();
    private readonly ConcurrentBag<string> _rejected = new();
    private readonly ConcurrentBag<double> _latenciesMs = new();
    private readonly string _run = Guid.NewGuid().ToString("N")[..12];
    private int _roundRobin, _requests, _retriedBatches, _ackedBatches;
    private long _ackedEvents;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter log, CancellationToken ct)
    {
        var options = ClusterClientOptions.Parse(args);
        ClusterReport report;
        try { report = await new ClusterClient(options, log).RunAsync(ct); }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or Npgsql.NpgsqlException)
        {
            log.WriteLine($"cluster-client: {ex.Message}");
            return 1;
        }
        var json = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
        if (options.OutFile is { } file) await File.WriteAllTextAsync(file, json, ct);
        else log.WriteLine(json);
        log.WriteLine(report.Passed ? "cluster-client: all checks passed" : "cluster-client: CHECKS FAILED: " + string.Join("; ", report.Failures));
        return report.Passed ? 0 : 1;
    }

    public async Task<ClusterReport> RunAsync(CancellationToken ct)
    {
        var (catalogue, people) = IngestBatches.Read(o.InputFile, o.BatchEvents);
        log.WriteLine($"cluster-client: {people.Count:N0} batches of whole people (≤ {o.BatchEvents} events) after {catalogue.Count} catalogue batch(es), " +
                      $"{o.Clients} clients over {o.Nodes.Count} node(s)");
        var before = await NodeStatus.ReadAllAsync(_http, o.Nodes, o.ApiKey, ct);
        if (before.Count != o.Nodes.Count) throw new InvalidOperationException($"only {before.Count} of {o.Nodes.Count} nodes answer /api/projections/status");

        foreach (var batch in catalogue) await PostWithRetriesAsync(batch, ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var clock = Stopwatch.StartNew();
        var next = -1;
        var workers = Enumerable.Range(0, o.Clients).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && Interlocked.Increment(ref next) is var i && i < people.Count)
            {
                await PostWithRetriesAsync(people[i], ct); // a started batch is finished even after stop: no half-known state
                if (o.PaceMilliseconds > 0) await Task.Delay(o.PaceMilliseconds, ct);
            }
        }, ct)).ToArray();
        var allPosted = Task.WhenAll(workers);

        KillReport? kill = null;
        (double At, double Seconds, long Before, long During)? during = null;
        if (o.KillAfterSeconds > 0 && o.DuringIngest is not null)
            throw new InvalidOperationException("a mid-way step and a kill cannot be combined");
        if (o.KillAfterSeconds > 0)
        {
            await Task.WhenAny(allPosted, Task.Delay(TimeSpan.FromSeconds(o.KillAfterSeconds), ct));
            kill = await KillAnalyticsOwnerAsync(clock, allPosted, ct);
            log.WriteLine(kill.RecoverySeconds is { } s
                ? $"cluster-client: analytics moved from node {kill.KilledNode} to node {kill.NewOwner} and progressed {s:N1} s after the kill"
                : "cluster-client: the analytics projection did NOT recover");
            await Task.WhenAny(allPosted, Task.Delay(TimeSpan.FromSeconds(o.AfterRecoverySeconds), ct));
        }
        else if (o.DuringIngest is { } step)
        {
            await Task.WhenAny(allPosted, Task.Delay(TimeSpan.FromSeconds(o.DuringIngestAfterSeconds), ct));
            var at = clock.Elapsed.TotalSeconds;
            var ackedBefore = Interlocked.Read(ref _ackedEvents);
            var stepClock = Stopwatch.StartNew();
            await step(ct);
            var seconds = stepClock.Elapsed.TotalSeconds;
            var ackedAfter = Interlocked.Read(ref _ackedEvents);
            log.WriteLine($"cluster-client: the mid-way step took {seconds:N1} s from {at:N1} s; {ackedAfter - ackedBefore:N0} events acknowledged meanwhile");
            await Task.WhenAny(allPosted, Task.Delay(TimeSpan.FromSeconds(o.AfterRecoverySeconds), ct));
            during = (Math.Round(at, 2), Math.Round(seconds, 2), ackedBefore, ackedAfter - ackedBefore);
        }
        else if (o.DurationSeconds > 0) await Task.WhenAny(allPosted, Task.Delay(TimeSpan.FromSeconds(o.DurationSeconds), ct));
        else await allPosted;
        await stop.CancelAsync();
        await allPosted;
        clock.Stop();
        var ingestSeconds = clock.Elapsed.TotalSeconds;
        var posted = Math.Min(next + 1, people.Count); // each worker takes one index past the end or stops before taking one
        log.WriteLine($"cluster-client: ingest stopped: {_ackedEvents:N0} events acknowledged in {ingestSeconds:N1} s " +
                      $"({_ackedEvents / ingestSeconds:N0} events/s), {_retriedBatches} batch(es) retried on another node");

        var live = o.Nodes.Where(n => kill is null || n != kill.KilledUrl).ToList();
        // --catch-up-timeout 0: an ingest-only run (cluster.sh's one-node comparison) does not wait for the projection.
        var catchUp = o.CatchUpTimeoutSeconds > 0 ? await WaitForCatchUpAsync(live, ct) : new CatchUpReport(false, 0, 0, 0, null);
        var checks = await ClusterChecks.ExactlyOnceAsync(o.Database, _acknowledged.ToList(), ct);
        var copy = await ClusterChecks.CopyBaselineAsync(o.Database, catalogue.Concat(people.Take(posted)), ct);

        var failures = new List<string>();
        if (!checks.Passed) failures.Add($"exactly-once: {checks.Missing} missing, {checks.Duplicated} duplicated, {checks.Unacknowledged} stored but never acknowledged");
        if (!_rejected.IsEmpty) failures.Add($"{_rejected.Count} batch(es) rejected or given up: {_rejected.First()}");
        if (kill is not null && kill.RecoverySeconds is null) failures.Add("the killed node's analytics projection did not resume on another node");
        if (!catchUp.CaughtUp && o.CatchUpTimeoutSeconds > 0) failures.Add($"the analytics projection did not catch up within {o.CatchUpTimeoutSeconds} s");

        var lat = _latenciesMs.Order().ToArray();
        var rate = _ackedEvents / ingestSeconds;
        return new ClusterReport(
            Nodes: before.Select(b => new NodeReport(b.Url.ToString(), b.NodeNumber, b.ProcessId)).ToList(),
            Ingest: new IngestReport(o.Nodes.Count, o.Clients, o.BatchEvents, _ackedBatches, _ackedEvents, Math.Round(ingestSeconds, 2), Math.Round(rate),
                copy.RowsPerSecond > 0 ? Math.Round(rate / copy.RowsPerSecond, 4) : null, _requests, _retriedBatches,
                new SortedDictionary<string, int>(_failedAttempts), Pct(lat, 0.50), Pct(lat, 0.99), _rejected.Count),
            Kill: kill, CatchUp: catchUp, ExactlyOnce: checks, CopyBaseline: copy, Passed: failures.Count == 0, Failures: failures,
            DuringIngest: during is { } d ? new DuringIngestReport(d.At, d.Seconds, d.Before, d.During, _ackedEvents - d.Before - d.During) : null);
    }

    private async Task PostWithRetriesAsync(IngestBatch batch, CancellationToken ct)
    {
        var key = $"cluster-{_run}-{batch.Number}";
        var start = Interlocked.Increment(ref _roundRobin);
        const int maxAttempts = 40;
        for (var attempt = 0; attempt < maxAttempts; attempt++)
        {
            if (attempt == 1) Interlocked.Increment(ref _retriedBatches);
            var node = o.Nodes[(int)((uint)(start + attempt) % (uint)o.Nodes.Count)]; // each retry goes to the next node
            Interlocked.Increment(ref _requests);
            var clock = Stopwatch.StartNew();
            string failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node, "/api/events"))
                {
                    Content = new StringContent(batch.Body, Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.ApiKey);
                request.Headers.Add("Idempotency-Key", key);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(o.RequestTimeoutSeconds));
                using var response = await _http.SendAsync(request, timeout.Token);
                var body = await response.Content.ReadAsStringAsync(timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    _latenciesMs.Add(clock.Elapsed.TotalMilliseconds);
                    foreach (var id in batch.EventIds) _acknowledged.Enqueue(id);
                    Interlocked.Add(ref _ackedEvents, batch.EventIds.Count);
                    Interlocked.Increment(ref _ackedBatches);
                    return;
                }
                if ((int)response.StatusCode is >= 400 and < 500 && response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    _rejected.Add($"batch {batch.Number}: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
                    return; // the ledger refused the content: retrying elsewhere would not change that
                }
                failure = $"http {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
            {
                failure = ex is TaskCanceledException ? "timeout" : "connection";
            }
            _failedAttempts.AddOrUpdate(failure, 1, (_, n) => n + 1);
            await Task.Delay(Math.Min(2000, 100 * (attempt + 1)), ct);
        }
        _rejected.Add($"batch {batch.Number}: no node acknowledged it after {maxAttempts} attempts");
    }

    private async Task<KillReport> KillAnalyticsOwnerAsync(Stopwatch ingest, Task allPosted, CancellationToken ct)
    {
        // The owner is whatever Wolverine's leader chose: ask the nodes, then kill that process, not a fixed one.
        NodeStatus? owner = null;
        for (var i = 0; i < 120 && owner is null; i++)
        {
            var all = await NodeStatus.ReadAllAsync(_http, o.Nodes, o.ApiKey, ct);
            owner = all.FirstOrDefault(s => all.Any(a => a.AnalyticsNode == s.NodeNumber));
            if (owner is null) await Task.Delay(500, ct);
        }
        if (owner is null) throw new InvalidOperationException("no node reports running the analytics projection");
        var fresh = await NodeStatus.TryReadAsync(_http, owner.Url, o.ApiKey, ct) ?? owner;
        var position = fresh.AnalyticsPosition;
        var wasLeader = fresh.LeaderNode == owner.NodeNumber;
        var killedAt = ingest.Elapsed.TotalSeconds;
        using (var p = Process.Start("kill", ["-KILL", owner.ProcessId.ToString()])) await p!.WaitForExitAsync(ct);
        var clock = Stopwatch.StartNew();
        log.WriteLine($"cluster-client: SIGKILL node {owner.NodeNumber}{(wasLeader ? " (the leader)" : "")} (pid {owner.ProcessId}, {owner.Url}) at {killedAt:N1} s, analytics at position {position:N0}");

        // Recovered = a live node holds the projection and it has moved past anything the dead node may have written.
        var live = o.Nodes.Where(n => n != owner.Url).ToList();
        var highestUnderDeadOwner = position;
        double? reassigned = null;
        while (clock.Elapsed.TotalSeconds < o.RecoveryTimeoutSeconds)
        {
            var s = (await NodeStatus.ReadAllAsync(_http, live, o.ApiKey, ct)).FirstOrDefault();
            if (s is not null)
            {
                var liveOwner = s.AnalyticsNode is { } n && n != owner.NodeNumber;
                if (!liveOwner) highestUnderDeadOwner = Math.Max(highestUnderDeadOwner, s.AnalyticsPosition);
                else
                {
                    reassigned ??= clock.Elapsed.TotalSeconds;
                    if (s.AnalyticsPosition > highestUnderDeadOwner || (allPosted.IsCompleted && s.AnalyticsLag == 0))
                        return new KillReport(owner.NodeNumber, owner.ProcessId, owner.Url, Math.Round(killedAt, 2), position,
                            Math.Round(reassigned.Value, 2), Math.Round(clock.Elapsed.TotalSeconds, 2), s.AnalyticsNode, s.AnalyticsPosition,
                            wasLeader, s.LeaderNode);
                }
            }
            await Task.Delay(250, ct);
        }
        return new KillReport(owner.NodeNumber, owner.ProcessId, owner.Url, Math.Round(killedAt, 2), position, reassigned, null, null, null,
            wasLeader, null);
    }

    private async Task<CatchUpReport> WaitForCatchUpAsync(List<Uri> live, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        NodeStatus? last = null;
        while (clock.Elapsed.TotalSeconds < o.CatchUpTimeoutSeconds)
        {
            last = (await NodeStatus.ReadAllAsync(_http, live, o.ApiKey, ct)).FirstOrDefault() ?? last;
            if (last is { AnalyticsLag: 0, AnalyticsNode: not null } && last.AnalyticsPosition >= last.LastSequence)
                return new CatchUpReport(true, Math.Round(clock.Elapsed.TotalSeconds, 2), last.LastSequence, last.AnalyticsPosition, last.AnalyticsNode);
            await Task.Delay(250, ct);
        }
        return new CatchUpReport(false, Math.Round(clock.Elapsed.TotalSeconds, 2), last?.LastSequence ?? 0, last?.AnalyticsPosition ?? 0, last?.AnalyticsNode);
    }

    private static double? Pct(double[] sorted, double p) =>
        sorted.Length == 0 ? null : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 1);
}
