using System.Globalization;

namespace SkillsLedger.Domain.Time;

/// <summary>
/// The one definition of "as of" (and of knownAt, from/to) for every route, the report and the CLI
/// (docs/derivation.md §5). A date alone means the end of that day, UTC: the last microsecond, 23:59:59.999999, the
/// last instant PostgreSQL can store on that day, so "as of 1 March" includes everything that happened on 1 March,
/// also in SQL. A date-time without an offset is UTC. Left out: the moment of the request (the caller's clock).
/// </summary>
public static class AsOf
{
    /// <summary>How a caller may write it: for error messages and the OpenAPI document.</summary>
    public const string Syntax = "ISO-8601 date (YYYY-MM-DD: the end of that day, 23:59:59.999999 UTC) or date-time (without an offset: UTC)";

    /// <summary>23:59:59.999999 UTC of <paramref name="day"/>.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day) =>
        new(day.ToDateTime(new TimeOnly(23, 59, 59, 999, 999)), TimeSpan.Zero);

    /// <summary>Reads a date (→ <see cref="EndOfDay"/>) or a date-time; false for anything else.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            value = EndOfDay(day);
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
