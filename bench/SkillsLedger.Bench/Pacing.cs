using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SkillsLedger.Bench;

/// <summary>
/// How the load clients send their requests.
/// Closed loop (no rate): each client sends its next request as soon as its previous answer is read.
/// Open loop (a rate): request i is due at start + i / rate. One dedicated thread sleeps until that moment and hands
/// the request to the next free client (waiting for one if all are busy), and the latency is measured from the due
/// moment, not from when the request actually left: a request delayed because every client was still waiting on a
/// slow answer is charged for the delay ("coordinated omission" would hide it).
/// Why a thread of its own: the first version awaited <c>Task.Delay</c> in each client, so every send went through
/// .NET's timer queue and then a thread-pool wake-up. On 2 cores shared with the service and PostgreSQL those sends
/// left several milliseconds late at p99 (docs/performance.md, "Figures behind choices in the code"), which the
/// latency then charged to the service. A sleeping
/// thread woken by the kernel (nanosleep) sends within a fraction of a millisecond.
/// </summary>
public static class Pacing
{
    /// <summary>Calls <paramref name="send"/>(i, due) for i in 0 … count − 1; due is the Stopwatch timestamp to time request i from.</summary>
    public static async Task RunAsync(int count, int clients, double? rate, Func<int, long, Task> send, CancellationToken ct)
    {
        if (rate is not { } perSecond)
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count) await send(i, Stopwatch.GetTimestamp());
            }, ct)));
            return;
        }

        using var free = new SemaphoreSlim(clients, clients);
        var sent = new List<Task>(count);
        var start = Stopwatch.GetTimestamp();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new Thread(() =>
        {
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var due = start + (long)(i / perSecond * Stopwatch.Frequency);
                    SleepUntil(due, ct);
                    free.Wait(ct); // every client busy: this request waits, and the wait counts in its latency
                    sent.Add(Send(i, due));
                }
                done.SetResult();
            }
            catch (Exception e) { done.SetException(e); }
        }) { IsBackground = true, Name = "paced load" };
        dispatcher.Start();
        await done.Task;
        await Task.WhenAll(sent);

        async Task Send(int i, long due)
        {
            try { await send(i, due); }
            finally { free.Release(); }
        }
    }

    private static void SleepUntil(long due, CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (left <= TimeSpan.Zero) return;
            // Thread.Sleep counts whole milliseconds; usleep wakes within ~0.1 ms of the moment on Linux.
            if (!MicroSleep(left)) Thread.Sleep(left.TotalMilliseconds >= 1 ? left : TimeSpan.FromMilliseconds(1));
        }
    }

    private static bool _noUsleep;

    private static bool MicroSleep(TimeSpan span)
    {
        if (_noUsleep) return false;
        try
        {
            usleep((uint)Math.Clamp(span.Ticks / 10, 1, 1_000_000));
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _noUsleep = true;
            return false;
        }
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int usleep(uint microseconds);
}
