using System.Globalization;
using SkillsLedger.Domain.Time;

namespace SkillsLedger.Web;

/// <summary>Query-string values read strictly: a value that does not parse is a 400 naming the parameter, never a default.</summary>
public static class QueryValues
{
    /// <summary>A point in time as <see cref="AsOf"/> defines it (a date alone: the end of that day, UTC); null when left out.</summary>
    public static (DateTimeOffset? Value, IResult? Problem) Instant(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0) return (null, null);
        return AsOf.TryParse(text, out var value)
            ? (value, null)
            : (null, Problems.BadRequest(name, $"'{text}' is not a date or date-time (use ISO-8601, e.g. 2025-03-01 or 2025-03-01T12:00:00Z)"));
    }

    public static (int Value, IResult? Problem) Int(HttpRequest request, string name, int fallback, int min, int max)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0) return (fallback, null);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? (v, null)
            : (0, Problems.BadRequest(name, $"must be a whole number between {min} and {max}"));
    }
}
