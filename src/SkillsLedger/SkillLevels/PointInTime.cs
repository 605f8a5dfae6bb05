using System.Globalization;
using SkillsLedger.Web;

namespace SkillsLedger.SkillLevels;

/// <summary>The asOf (when things happened) and knownAt (what the ledger had recorded by then) of a query.</summary>
public static class PointInTime
{
    /// <returns>The two instants, or a 400 problem naming the unparsable one.</returns>
    public static (DateTimeOffset AsOf, DateTimeOffset KnownAt, IResult? Problem) Read(HttpRequest request, DateTimeOffset now)
    {
        DateTimeOffset asOf = now, knownAt = now;
        foreach (var (name, set) in new (string, Action<DateTimeOffset>)[] { ("asOf", v => asOf = v), ("knownAt", v => knownAt = v) })
        {
            if (!request.Query.TryGetValue(name, out var text) || string.IsNullOrEmpty(text)) continue;
            if (!TryParse(text!, out var value))
                return (now, now, Problems.BadRequest(name, $"'{text}' is not a date or date-time (use ISO-8601, e.g. 2025-03-01 or 2025-03-01T12:00:00Z)"));
            set(value);
        }
        return (asOf, knownAt, null);
    }

    /// <summary>A date alone means the end of that day (UTC): "as of 1 March" includes what happened on 1 March.</summary>
    private static bool TryParse(string text, out DateTimeOffset value)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = new DateTimeOffset(date.ToDateTime(new TimeOnly(23, 59, 59, 999, 999)), TimeSpan.Zero);
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
