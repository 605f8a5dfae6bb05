using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime;

namespace SkillsLedger.Ingestion;

/// <summary>
/// Wall time per step of the bulk import, summed over chunks, printed by <c>skillsledger import --profile</c>: the
/// evidence for where an import's time goes (client CPU vs each table's COPY on the server). Off by default; when off
/// a step costs one branch.
/// </summary>
public sealed class ImportProfile
{
    private readonly ConcurrentDictionary<string, long> _ticks = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public static ImportProfile? Current { get; set; }

    /// <summary>Times <paramref name="step"/> until the returned value is disposed (no-op when profiling is off).</summary>
    public static Step Time(string step) => new(Current, step);

    public void Add(string step, long ticks)
    {
        lock (_order) if (!_ticks.ContainsKey(step)) _order.Add(step);
        _ticks.AddOrUpdate(step, ticks, (_, t) => t + ticks);
    }

    public IEnumerable<string> Lines(long events, TimeSpan total)
    {
        yield return $"profile: {events:N0} events in {total.TotalSeconds:N2} s ({events / Math.Max(total.TotalSeconds, 1e-3):N0}/s); step totals (reader steps overlap the store steps):";
        // The client's own overheads, which no step shows: what it allocated per event and how often the GC ran.
        yield return $"  gc: {GC.GetTotalAllocatedBytes() / (double)Math.Max(events, 1):N0} bytes allocated per event; collections gen0 {GC.CollectionCount(0)}, " +
                     $"gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}; paused {GC.GetTotalPauseDuration().TotalSeconds:N2} s; " +
                     $"process CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:N2} s ({(GCSettings.IsServerGC ? "server" : "workstation")} GC, {GCSettings.LatencyMode})";
        if (ThreadCpu() is { Count: > 0 } threads)
            yield return "  cpu by thread kind: " + string.Join(", ", threads.OrderByDescending(t => t.Value).Select(t => $"{t.Key} {t.Value:N2} s"));
        lock (_order)
            foreach (var step in _order)
            {
                var s = _ticks[step] / (double)Stopwatch.Frequency;
                yield return $"  {step,-28} {s,8:N2} s {100 * s / Math.Max(total.TotalSeconds, 1e-3),5:N1} %  {1e6 * s / Math.Max(events, 1),7:N2} µs/event";
            }
    }

    /// <summary>
    /// CPU seconds of this process's threads by name (Linux /proc; empty elsewhere): the reader and COPY run on
    /// thread-pool workers, the GC, JIT and thread pool's own threads show under their runtime names.
    /// </summary>
    private static Dictionary<string, double> ThreadCpu()
    {
        var byName = new Dictionary<string, double>(StringComparer.Ordinal);
        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                var name = stat[(open + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                var seconds = (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) +
                               long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0; // USER_HZ
                byName[name] = byName.GetValueOrDefault(name) + seconds;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { byName.Clear(); }
        return byName;
    }

    public readonly struct Step(ImportProfile? profile, string step) : IDisposable
    {
        private readonly long _start = profile is null ? 0 : Stopwatch.GetTimestamp();
        public void Dispose() => profile?.Add(step, Stopwatch.GetTimestamp() - _start);
    }
}
