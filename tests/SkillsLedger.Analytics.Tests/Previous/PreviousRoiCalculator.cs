using SkillsLedger.Analytics.People;

using SkillsLedger.Analytics.Roi;

namespace SkillsLedger.Analytics.Tests.Previous;

/// <summary>The inputs as they were before the flat-array rewrite (signals as a list of records).</summary>
public sealed record PreviousRoiInputs(
    string ProgramId, IReadOnlyList<EmployeeHistory> People, IReadOnlyList<SignalRecord> Signals,
    IReadOnlyList<ProgramCostRecord> Costs, IReadOnlyDictionary<string, Assumption> Assumptions, DateTimeOffset AsOf,
    int LandmarkDays = 90, int HorizonMonths = 12, int WindowDays = 90, int MinGroupSize = 5);

/// <summary>
/// THE IMPLEMENTATION BEFORE THE SHARED-INDEX REWRITE, kept verbatim so the new one can be held to it (figures
/// identical to the last bit). Not used by the product.
/// Phillips ROI for one programme. Costs = the programme's costs + learners' hours in it × loaded_hourly_cost.
/// Benefits (annual): performance by difference in differences (DiD × 12 × value_per_unit:&lt;metric&gt; × learners with
/// data), and retention ((1 − S_none(h)) − (1 − S_programme(h)) × learners × replacement_cost_months × the learners'
/// mean monthly salary). Two scenarios: expected (point estimates) and conservative (each benefit at the lower bound
/// of its 95 % interval, floored at zero) — Phillips' guiding principle to choose the most conservative alternative.
/// Missing assumptions are named, never defaulted.
/// </summary>
public static class PreviousRoiCalculator
{
    public const string LoadedHourlyCost = "loaded_hourly_cost";
    public const string ReplacementCostMonths = "replacement_cost_months";
    public const string ValuePerUnitPrefix = "value_per_unit:";

    public const string Design =
        "Observational comparison, not a randomised trial. Performance: difference in differences against people of the same role " +
        "who completed no course of the programme, over the same calendar windows. Retention: landmark Kaplan–Meier comparison of " +
        "people whose first course before the landmark was in this programme against people with no course before it.";

    public static RoiResult Compute(PreviousRoiInputs input)
    {
        var learners = input.People.Where(p => p.Learning.Any(l => l.ProgramId == input.ProgramId)).ToList();
        if (learners.Count == 0) throw new RoiInputException("programId", $"no one has completed a course of programme '{input.ProgramId}'");
        var used = new List<Assumption>();
        var missing = new List<string>();
        Assumption? Need(string name)
        {
            if (input.Assumptions.TryGetValue(name, out var a)) { used.Add(a); return a; }
            missing.Add(name);
            return null;
        }

        var currencies = input.Costs.Select(c => c.Currency).Distinct().ToList();
        if (currencies.Count > 1)
            throw new RoiInputException("currency", $"programme '{input.ProgramId}' has costs in several currencies ({string.Join(", ", currencies)}); convert them first");
        var hours = learners.SelectMany(p => p.Learning).Where(l => l.ProgramId == input.ProgramId).Sum(l => l.Hours);
        var hourly = Need(LoadedHourlyCost);

        var dids = PreviousDifferenceInDifferences.Estimate(input.ProgramId, input.People, input.Signals, input.WindowDays);
        var valued = dids.Select(d => (Did: d, Value: Need(ValuePerUnitPrefix + d.Metric))).ToList();

        var retention = RetentionInputs(input);
        var replacement = retention is null ? null : Need(ReplacementCostMonths);
        if (missing.Count > 0)
            throw new RoiInputException("assumptions",
                $"missing ROI assumption{(missing.Count > 1 ? "s" : "")}: {string.Join(", ", missing.Distinct())} (record them with roi_assumption_set events)");

        var programCosts = input.Costs.Sum(c => c.Amount);
        var timeCost = hours * hourly!.Value;
        var costs = new CostBreakdown(programCosts, input.Costs.Count, hours, hourly.Value, timeCost, programCosts + timeCost, currencies.FirstOrDefault() ?? "");

        var caveats = new List<string>
        {
            "Selection: people choose (or are chosen for) programmes; motivated or favoured people may both learn more and perform or stay better. Matching on role does not remove this.",
            "Other changes at the same time (new tools, managers, targets) that differ between the groups are not ruled out.",
            "Benefits are first-year only and not adjusted for estimate error beyond the conservative scenario.",
        };
        var performance = valued.Select(v =>
            // Small groups identify people and mislead: show the counts, count no money.
            v.Did.Learners < input.MinGroupSize || v.Did.ComparisonPeople < input.MinGroupSize
                ? new PerformanceBenefit(v.Did.Metric, null, v.Value!.Value, v.Value.EventId, 0, 0, true, v.Did.Learners, v.Did.ComparisonPeople)
                : new PerformanceBenefit(v.Did.Metric, v.Did, v.Value!.Value, v.Value.EventId,
                    v.Did.Did * 12 * v.Value.Value * v.Did.Learners,
                    Math.Max(0, (v.Did.CiLow ?? 0) * 12 * v.Value.Value * v.Did.Learners), false, v.Did.Learners, v.Did.ComparisonPeople)).ToList();
        if (performance.Any(p => p.Suppressed))
            caveats.Add($"Performance benefits with fewer than {input.MinGroupSize} learners or comparison people are suppressed (counted as zero): " +
                        string.Join(", ", performance.Where(p => p.Suppressed).Select(p => $"{p.Metric} ({p.Learners} learners, {p.ComparisonPeople} comparison)")) + ".");

        RetentionBenefit? retentionBenefit = null;
        if (retention is { } r)
        {
            var salaries = r.Learners.Where(p => p.MonthlySalary is not null).Select(p => p.MonthlySalary!.Value).ToList();
            if (salaries.Count == 0)
                throw new RoiInputException("monthlySalary", $"no learner of '{input.ProgramId}' has a monthlySalary on person_hired: the retention benefit cannot be valued");
            var avoided = r.SProgram - r.SNone;
            var se = Math.Sqrt(r.VarProgram + r.VarNone);
            var z = SpecialFunctions.NormalQuantile(0.975);
            var perDeparture = replacement!.Value * salaries.Average();
            retentionBenefit = new RetentionBenefit(r.Learners.Count, r.NoneCount, r.SProgram, r.SNone, avoided, avoided - z * se, avoided + z * se,
                replacement.Value, salaries.Average(), avoided * r.Learners.Count * perDeparture,
                Math.Max(0, (avoided - z * se) * r.Learners.Count * perDeparture));
        }
        else caveats.Add($"Retention benefit not computed: fewer than {input.MinGroupSize} people in the programme group or the comparison group at the {input.LandmarkDays}-day landmark.");

        var expected = Scenario("expected", performance.Sum(p => p.Expected) + (retentionBenefit?.Expected ?? 0), costs.Total);
        var conservative = Scenario("conservative", performance.Sum(p => p.Conservative) + (retentionBenefit?.Conservative ?? 0), costs.Total);
        return new RoiResult(input.ProgramId, learners.Count, costs, performance, retentionBenefit, expected, conservative,
            used.DistinctBy(a => a.Name).OrderBy(a => a.Name, StringComparer.Ordinal).ToList(), Design, caveats);
    }

    private static Scenario Scenario(string name, double benefits, double costs) =>
        new(name, benefits, costs, costs > 0 ? (benefits - costs) / costs * 100 : null, costs > 0 ? benefits / costs : null,
            benefits > 0 ? costs / (benefits / 12) : null);

    private sealed record RetentionGroups(IReadOnlyList<EmployeeHistory> Learners, int NoneCount, double SProgram, double VarProgram, double SNone, double VarNone);

    private static RetentionGroups? RetentionInputs(PreviousRoiInputs input)
    {
        var cohort = LandmarkCohort.Build(input.People, input.AsOf, input.LandmarkDays, RetentionGrouping.Program);
        var mine = cohort.Members.Where(m => m.Group == input.ProgramId).ToList();
        var none = cohort.Members.Where(m => m.Group == LandmarkCohort.NoLearning).ToList();
        if (mine.Count < input.MinGroupSize || none.Count < input.MinGroupSize) return null;
        var horizon = input.HorizonMonths * 30.4375;
        var (s1, v1) = AtHorizon(mine, horizon);
        var (s0, v0) = AtHorizon(none, horizon);
        return new RetentionGroups(mine.Select(m => m.Person).ToList(), none.Count, s1, v1, s0, v0);
    }

    /// <summary>Kaplan–Meier survival at the horizon and its Greenwood variance (0 before any event).</summary>
    private static (double S, double Var) AtHorizon(IReadOnlyList<CohortMember> members, double horizon)
    {
        var km = KaplanMeier.Estimate(members.Select(m => new SurvivalObservation(m.Days, m.Left)).ToList());
        var step = km.Steps.LastOrDefault(s => s.Time <= horizon);
        return step is null ? (1, 0) : (step.Survival, step.Variance ?? 0);
    }
}
