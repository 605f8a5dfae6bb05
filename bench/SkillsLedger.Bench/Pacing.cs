using System.Diagnostics;

namespace SkillsLedger.Bench;

/// <summary>
/// Open-loop pacing for the load clients: request i of a run is due at start + i / rate. The client waits for that
/// moment and the latency is then measured from it, not from when the request actually left, so a request delayed
/// because every client was still waiting on a slow answer is charged for the delay ("coordinated omission" would
/// hide it). Timer wake-ups are late by up to ~1 ms on Linux, which this also charges: paced latencies err high.
/// </summary>
public static class Pacing
{
    /// <returns>The Stopwatch timestamp to measure request <paramref name="index"/> from.</returns>
    public static async ValueTask<long> StartAsync(Stopwatch run, int index, double? rate, CancellationToken ct)
    {
        var now = Stopwatch.GetTimestamp();
        if (rate is not { } perSecond) return now;
        var due = now - run.ElapsedTicks + (long)(index / perSecond * Stopwatch.Frequency);
        var wait = Stopwatch.GetElapsedTime(now, due); // negative when already late
        if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, ct);
        return due;
    }
}
