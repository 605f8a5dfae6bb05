using System.Diagnostics;

namespace SkillsLedger.Web;

/// <summary>
/// How long one request may wait for figures still being computed (<see cref="Infrastructure.FigureCache"/>): a
/// dashboard page sets it when it starts, so a page whose figures are not ready answers at once with a "being
/// computed" page instead of keeping the reader waiting for minutes (a date nobody asked for before, at 100,000
/// people). Kept on the request, like <see cref="FigureFreshness"/>.
/// </summary>
public static class FigureWait
{
    private const string Key = "figures.wait-until";

    /// <summary>From now on, this request waits at most <paramref name="limit"/> in all for figures.</summary>
    public static void Limit(HttpContext http, TimeSpan limit) =>
        http.Items[Key] = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);

    /// <summary>What is left of this request's limit, or null when it has none (the API: as long as it takes).</summary>
    public static TimeSpan? Remaining(HttpContext? http) =>
        http?.Items.TryGetValue(Key, out var until) == true && until is long at ? Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), at) : null;
}
