using SkillsLedger.Analytics.Roi;

namespace SkillsLedger.Roi;

public sealed record RoiView(DateTimeOffset AsOf, string Method, IReadOnlyList<RoiResult> Programmes, IReadOnlyList<RoiProblem> NotComputed);

public sealed record RoiProblem(string ProgramId, string Field, string Reason);

/// <summary>How the ROI figures are computed, as every ROI answer and the report state it.</summary>
public static class RoiMethod
{
    public const string Text =
        "Phillips ROI Methodology: costs = programme costs + learners' hours × loaded_hourly_cost; annual benefits = performance " +
        "(difference in differences × 12 × value per unit × learners) + retention (departures avoided within 12 months × learners × " +
        "replacement_cost_months × mean monthly salary). Expected = point estimates; conservative = each benefit at the lower bound of " +
        "its 95 % interval, floored at zero. ROI % = (benefits − costs) / costs × 100; BCR = benefits / costs; payback = costs / (benefits / 12) months.";
}
