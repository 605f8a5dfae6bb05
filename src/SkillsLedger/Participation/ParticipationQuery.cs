using SkillsLedger.Analytics.People;
using SkillsLedger.Infrastructure;
using SkillsLedger.Retention;

namespace SkillsLedger.Participation;

public sealed record ParticipationView(DateTimeOffset AsOf, string By, int MinGroupSize, string Method, IReadOnlyList<ParticipationYear> Years);

/// <summary>
/// Who takes part in learning, year by year (<see cref="Analytics.People.Participation"/>): the figures of
/// GET /api/analytics/participation and the dashboard's programmes page.
/// </summary>
public static class ParticipationQuery
{
    public static readonly string[] Groupings = ["generation", "department", "role"];

    public const string Method =
        "for each of the 3 years before asOf, (asOf − k − 1 years, asOf − k years]: people employed at some time in the year (hired by its end, " +
        "not left before its start); share with at least one course completion in it, Wilson 95 % interval; generation from the latest stated " +
        "year of birth (baby boomers ≤ 1964, gen x 1965–1980, millennials 1981–1996, gen z ≥ 1997, else unknown; erased people are unknown); " +
        "department and role as held now (analytics.person); groups with fewer than minGroupSize people in a year show n only";

    /// <param name="grouping">One of <see cref="Groupings"/>.</param>
    public static async Task<ParticipationView> AnalyseAsync(FigureCache figures, LedgerDatabase db, string org, DateTimeOffset at, string grouping, int min,
        CancellationToken ct)
    {
        var people = await RetentionQuery.PeopleAsync(figures, db, org, grouping, ct);
        Func<EmployeeHistory, string> groupOf = grouping switch
        {
            "department" => p => p.Department ?? "(none)",
            "role" => p => p.Role ?? "(none)",
            _ => p => p.Generation ?? Generation.Unknown,
        };
        return new ParticipationView(at, grouping, min, Method, Analytics.People.Participation.Compute(people, at, groupOf, min));
    }
}
