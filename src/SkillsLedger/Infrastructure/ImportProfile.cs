using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime;

namespace SkillsLedger.Infrastructure;

/// <summary>
/// Wall time per step of the bulk import, summed over chunks, printed by <c>skillsledger import --profile</c>: the
/// evidence for where an import's time goes (client CPU vs each table's COPY on the server). Each step is an
/// <see cref="Activity"/> of one <see cref="ActivitySource"/>; an instance of this class is the listener that sums them,
/// alive only while `import --profile` runs. With no listener a step costs one branch (StartActivity returns null), and
/// there is no shared mutable state: a second import in the same process profiles only if it makes its own listener.
/// While profiling, each step allocates an Activity (a few hundred bytes), which the "gc" line then includes.
/// </summary>
public sealed class ImportProfile : IDisposable
{
    private static readonly ActivitySource Source = new("SkillsLedger.Import");

    private readonly ConcurrentDictionary<string, long> _ticks = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly ActivityListener _listener;

    public ImportProfile()
    {
        // Read the source first: creating it lazily inside ShouldListenTo (while the listener is being added) left it
        // without this listener.
        var steps = Source;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => ReferenceEquals(source, steps),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = step => Add(step.OperationName, step.Duration.Ticks),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Times <paramref name="step"/> until the returned value is disposed (null, a no-op, when nobody profiles).</summary>
    public static Activity? Time(string step) => Source.StartActivity(step);

    public void Dispose() => _listener.Dispose();

    private void Add(string step, long ticks)
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
                var s = _ticks[step] / (double)TimeSpan.TicksPerSecond;
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
}
