using SkillsLedger.Web;

namespace SkillsLedger.SkillLevels;

/// <summary>The asOf (when things happened) and knownAt (what the ledger had recorded by then) of a query; both default to now.</summary>
public static class PointInTime
{
    /// <returns>The two instants, or a 400 problem naming the unparsable one.</returns>
    public static (DateTimeOffset AsOf, DateTimeOffset KnownAt, IResult? Problem) Read(HttpRequest request, DateTimeOffset now)
    {
        var (asOf, p1) = QueryValues.Instant(request, "asOf");
        var (knownAt, p2) = QueryValues.Instant(request, "knownAt");
        return (asOf ?? now, knownAt ?? now, p1 ?? p2);
    }
}
