using System.Globalization;
using SkillsLedger.Web;

namespace SkillsLedger.Retention;

/// <summary>Query-string dates for analyses: a date alone means the end of that day (UTC).</summary>
public static class AnalysisDates
{
    public static (DateTimeOffset? Value, IResult? Problem) Read(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0) return (null, null);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return (new DateTimeOffset(d.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero), null);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return (t, null);
        return (null, Problems.BadRequest(name, $"'{text}' is not a date (use ISO-8601, e.g. 2026-06-30)"));
    }

    public static (int Value, IResult? Problem) ReadInt(HttpRequest request, string name, int fallback, int min, int max)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0) return (fallback, null);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? (v, null)
            : (0, Problems.BadRequest(name, $"must be a whole number between {min} and {max}"));
    }
}
