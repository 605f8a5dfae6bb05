using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SkillsLedger.Analytics.People;

namespace SkillsLedger.Analytics.Roi;

/// <summary>
/// The landmark cohort grouped by first programme, and Kaplan–Meier survival at a horizon per group: the same for
/// every programme of one ROI request (the "none" group is every programme's comparison), so built once per people
/// list, as-of date and landmark instead of once per programme. Only the latest as-of is kept: the API's default
/// as-of is the time of the request.
/// </summary>
internal sealed class ProgrammeCohorts
{
    private static readonly ConditionalWeakTable<IReadOnlyList<EmployeeHistory>, StrongBox<ProgrammeCohorts?>> Latest = new();

    private readonly Dictionary<string, List<CohortMember>> _groups;
    private readonly ConcurrentDictionary<(string Group, double Horizon), Lazy<(double S, double Var)>> _atHorizon = new();

    private ProgrammeCohorts(DateTimeOffset asOf, int landmarkDays, Cohort cohort)
    {
        AsOf = asOf;
        LandmarkDays = landmarkDays;
        _groups = new Dictionary<string, List<CohortMember>>(StringComparer.Ordinal);
        foreach (var m in cohort.Members)
        {
            if (!_groups.TryGetValue(m.Group, out var list)) _groups[m.Group] = list = [];
            list.Add(m);
        }
    }

    private DateTimeOffset AsOf { get; }

    private int LandmarkDays { get; }

    public static ProgrammeCohorts Of(IReadOnlyList<EmployeeHistory> people, DateTimeOffset asOf, int landmarkDays)
    {
        var box = Latest.GetValue(people, _ => new StrongBox<ProgrammeCohorts?>());
        // One build for programmes computed in parallel.
        lock (box)
        {
            // Same instant (DateTimeOffset equality compares instants, as every use of asOf does).
            if (box.Value is { } cached && cached.AsOf == asOf && cached.LandmarkDays == landmarkDays) return cached;
            return box.Value = new ProgrammeCohorts(asOf, landmarkDays, LandmarkCohort.Build(people, asOf, landmarkDays, RetentionGrouping.Program));
        }
    }

    /// <summary>The group's members in cohort order (empty when none).</summary>
    public IReadOnlyList<CohortMember> Group(string group) => _groups.TryGetValue(group, out var list) ? list : [];

    /// <summary>Kaplan–Meier survival at the horizon and its Greenwood variance (0 before any event).</summary>
    public (double S, double Var) AtHorizon(string group, double horizon) => _atHorizon.GetOrAdd((group, horizon), k => new(() =>
    {
        var km = KaplanMeier.Estimate(Group(k.Group).Select(m => new SurvivalObservation(m.Days, m.Left)).ToList());
        var step = km.Steps.LastOrDefault(s => s.Time <= k.Horizon);
        return step is null ? (1, 0) : (step.Survival, step.Variance ?? 0);
    })).Value;
}
