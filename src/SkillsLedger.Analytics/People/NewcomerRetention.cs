namespace SkillsLedger.Analytics.People;

public sealed record NewcomerShare(int N, int LeftWithinYear, double Share, double CiLow, double CiHigh);

/// <summary>
/// Newcomer attrition: among people hired at least 12 months before asOf (so everyone had a full year to leave),
/// the share who left within 12 months of hire, with a Wilson 95 % interval (sound for small n and shares near 0).
/// </summary>
public static class NewcomerRetention
{
    public static bool IsNewcomerCohort(EmployeeHistory p, DateTimeOffset asOf) => p.HiredAt.AddMonths(12) <= asOf;

    public static bool LeftWithinYear(EmployeeHistory p) => p.LeftAt is { } left && left <= p.HiredAt.AddMonths(12);

    public static NewcomerShare? Share(IEnumerable<EmployeeHistory> people, DateTimeOffset asOf)
    {
        var cohort = people.Where(p => IsNewcomerCohort(p, asOf)).ToList();
        if (cohort.Count == 0) return null;
        var left = cohort.Count(LeftWithinYear);
        var w = Proportion.WilsonInterval(left, cohort.Count);
        return new NewcomerShare(cohort.Count, left, w.P, w.Low, w.High);
    }
}
