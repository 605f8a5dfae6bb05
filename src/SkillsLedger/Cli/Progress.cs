using System.Diagnostics;

namespace SkillsLedger.Cli;

/// <summary>
/// Progress for long work: a redrawn bar on a terminal, plain lines (at most every 2 s) when output is
/// redirected to a file or CI log. Written to stderr so stdout stays parseable.
/// </summary>
/// <param name="unit">What is counted, plural ("events", "rows").</param>
public sealed class Progress(string what, long? total, bool enabled = true, string unit = "events")
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private TimeSpan? _lastDraw;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <param name="position">How far along, in the same unit as total.</param>
    /// <param name="events">Events done so far (shown with a rate).</param>
    public void Report(long position, long events, bool force = false)
    {
        if (!enabled) return;
        var interval = _terminal ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(2);
        if (!force && _lastDraw is { } last && _clock.Elapsed - last < interval) return;
        _lastDraw = _clock.Elapsed;
        var rate = events / Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        var fraction = total is > 0 ? Math.Clamp((double)position / total.Value, 0, 1) : (double?)null;
        var text = $"{what}: {events:N0} {unit}, {rate:N0} {unit}/s, {_clock.Elapsed.TotalSeconds:N1} s";
        if (_terminal)
        {
            var bar = fraction is { } f ? "[" + new string('#', (int)(f * 30)).PadRight(30, '.') + $"] {f:P0} " : "";
            Console.Error.Write("\r" + bar + text + "   ");
        }
        else Console.Error.WriteLine(fraction is { } f ? $"{f:P0} {text}" : text);
    }

    public void Done(long events)
    {
        if (!enabled) return;
        Report(total ?? 0, events, force: true);
        if (_terminal) Console.Error.WriteLine();
    }
}
