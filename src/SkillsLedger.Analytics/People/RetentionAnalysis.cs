namespace SkillsLedger.Analytics.People;

public sealed record CurvePoint(double Day, double Survival, double? CiLow, double? CiHigh, int AtRisk, int Events);

public sealed record RetentionGroup(string Group, int N, int? Departures, int? Censored, double? SurvivalAtHorizon, double? CiLow, double? CiHigh,
    IReadOnlyList<CurvePoint>? Curve, bool Suppressed);

public sealed record LogRankSummary(double Chi2, int Df, double P, IReadOnlyList<string> Groups);

public sealed record HazardRatioSummary(double? Estimate, double? CiLow, double? CiHigh, double? P, string? AdjustedFor, bool Converged,
    int Learners, int NonLearners, string Comparison);

public sealed record RetentionResult(int HorizonDays, IReadOnlyList<RetentionGroup> Groups, LogRankSummary? LogRank, HazardRatioSummary? HazardRatio,
    IReadOnlyList<string> Notes);

/// <summary>
/// Kaplan–Meier per group (Greenwood variance, 95 % log(−log) intervals), survival at the horizon, a log-rank test
/// across the groups shown, and the hazard ratio of learners versus people who completed nothing before the
/// landmark from a Cox model (Efron ties), optionally stratified by department. Groups smaller than minGroupSize
/// show their n only.
/// </summary>
public static class RetentionAnalysis
{
    public static RetentionResult Run(Cohort cohort, double horizonDays, int minGroupSize, bool adjustForDepartment)
    {
        var notes = new List<string>();
        var groups = new List<RetentionGroup>();
        var shown = new List<(string Group, SurvivalObservation Obs)>();
        foreach (var g in cohort.Members.GroupBy(m => m.Group).OrderBy(g => g.Key == LandmarkCohort.NoLearning).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = g.ToList();
            if (members.Count < minGroupSize)
            {
                groups.Add(new RetentionGroup(g.Key, members.Count, null, null, null, null, null, null, true));
                notes.Add($"group '{g.Key}' has {members.Count} people (< {minGroupSize}): figures suppressed and left out of the log-rank test");
                continue;
            }
            var obs = members.Select(m => new SurvivalObservation(m.Days, m.Left)).ToList();
            shown.AddRange(obs.Select(o => (g.Key, o)));
            var km = KaplanMeier.Estimate(obs);
            var at = km.SurvivalAt(horizonDays);
            var curve = km.Steps.Select(s => new CurvePoint(s.Time, s.Survival, s.CiLow, s.CiHigh, s.AtRisk, s.Events)).ToList();
            groups.Add(new RetentionGroup(g.Key, members.Count, members.Count(m => m.Left), members.Count(m => !m.Left),
                at.S, at.Low, at.High, curve, false));
        }

        LogRankSummary? logRank = null;
        var shownGroups = shown.Select(s => s.Group).Distinct().ToList();
        if (shownGroups.Count >= 2 && shown.Any(s => s.Obs.Event))
        {
            try
            {
                var lr = LogRank.Test(shown);
                logRank = new LogRankSummary(lr.Chi2, lr.Df, lr.P, shownGroups);
            }
            catch (ArgumentException ex) { notes.Add("log-rank test not computed: " + ex.Message); }
        }
        return new RetentionResult((int)Math.Round(horizonDays), groups, logRank, HazardRatio(cohort, minGroupSize, adjustForDepartment, notes), notes);
    }

    private static HazardRatioSummary? HazardRatio(Cohort cohort, int minGroupSize, bool byDepartment, List<string> notes)
    {
        var learners = cohort.Members.Count(m => m.Learner);
        var others = cohort.Members.Count - learners;
        const string comparison = "learners (≥ 1 course before the landmark) versus none";
        var adjustedFor = byDepartment ? "department (stratified Cox model)" : null;
        if (learners < minGroupSize || others < minGroupSize)
        {
            notes.Add($"hazard ratio suppressed: {learners} learners and {others} others (each must be ≥ {minGroupSize})");
            return new HazardRatioSummary(null, null, null, null, adjustedFor, false, learners, others, comparison);
        }
        if (!cohort.Members.Any(m => m.Left))
            return new HazardRatioSummary(null, null, null, null, adjustedFor, false, learners, others, comparison);
        var data = cohort.Members
            .Select(m => new CoxObservation(m.Days, m.Left, [m.Learner ? 1.0 : 0.0], byDepartment ? m.Person.Department ?? "(none)" : null))
            .ToList();
        try
        {
            var fit = CoxRegression.Fit(data);
            var c = fit.Coefficients[0];
            if (!fit.Converged) notes.Add("the Cox model did not converge (e.g. no departures in one group): no hazard ratio");
            return new HazardRatioSummary(fit.Converged ? c.HazardRatio : null, c.HazardRatioLow, c.HazardRatioHigh, c.P, adjustedFor,
                fit.Converged, learners, others, comparison);
        }
        catch (ArgumentException ex)
        {
            notes.Add("hazard ratio not computed: " + ex.Message);
            return new HazardRatioSummary(null, null, null, null, adjustedFor, false, learners, others, comparison);
        }
    }
}
