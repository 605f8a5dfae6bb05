using SkillsLedger.Analytics.Roi;

namespace SkillsLedger.Reports;

public partial class ReportEvidence
{
    private sealed record BenefitRow(string Item, string Estimate, string Expected, string Conservative);

    /// <summary>One programme's costs and each benefit: the estimate behind it (with n and interval) and its value in both scenarios.</summary>
    private List<BenefitRow> BenefitRows(RoiResult p)
    {
        var f = F;
        string L(string en, string nl) => f.L(en, nl);
        var cur = p.Costs.Currency;
        var rows = new List<BenefitRow>
        {
            new(L("Costs", "Kosten"),
                L($"Programme spend {f.Money(p.Costs.ProgramCosts, cur)} ({f.Count(p.Costs.CostEvents)} cost records) + ",
                    $"Programma-uitgaven {f.Money(p.Costs.ProgramCosts, cur)} ({f.Count(p.Costs.CostEvents)} kostenposten) + ") +
                L($"{f.Number(p.Costs.LearningHours)} learning hours × {f.Money(p.Costs.LoadedHourlyCost, cur)}/hour = {f.Money(p.Costs.TimeCost, cur)}",
                    $"{f.Number(p.Costs.LearningHours)} leeruren × {f.Money(p.Costs.LoadedHourlyCost, cur)}/uur = {f.Money(p.Costs.TimeCost, cur)}"),
                f.Money(p.Costs.Total, cur), f.Money(p.Costs.Total, cur)),
        };
        foreach (var b in p.Performance)
        {
            var metric = ReportFormat.Metric(b.Metric);
            var item = L("Performance: ", "Prestatie: ") + metric;
            var comparison = f.Count(b.ComparisonPeople ?? 0, L("comparison person", "vergelijkingspersoon"), L("comparison people", "vergelijkingspersonen"));
            if (b.Did is not { } d)
            {
                rows.Add(new(item, L($"suppressed: {f.Learners(b.Learners ?? 0)} vs {comparison} (fewer than {RoiReportBuilder.MinGroupSize}); not counted",
                        $"niet getoond: {f.Learners(b.Learners ?? 0)} tegen {comparison} (minder dan {RoiReportBuilder.MinGroupSize}); niet meegeteld"),
                    f.Money(0, cur), f.Money(0, cur)));
                continue;
            }
            var group = f.Count(d.ComparisonPeople, L("comparison person", "vergelijkingspersoon"), L("comparison people", "vergelijkingspersonen"));
            rows.Add(new(item,
                L($"{f.Signed(d.Did, "N2")} {metric} per learner per month against the comparison group ", $"{f.Signed(d.Did, "N2")} {metric} per deelnemer per maand ten opzichte van de vergelijkingsgroep ") +
                $"({f.Interval(d.CiLow, d.CiHigh, v => f.Signed(v, "N2"))}); n = {f.Learners(d.Learners)} " + L("vs", "tegen") + $" {group} " +
                L($"({f.Learners(d.UnmatchedLearners)} without data); valued at {f.Money(b.ValuePerUnit, cur)} each",
                    $"({f.Learners(d.UnmatchedLearners)} zonder gegevens); gewaardeerd op {f.Money(b.ValuePerUnit, cur)} per stuk"),
                f.Money(b.Expected, cur), f.Money(b.Conservative, cur)));
        }
        if (p.Retention is { } r)
            rows.Add(new(L($"Retention within {RoiReportBuilder.HorizonMonths} months", $"Behoud binnen {RoiReportBuilder.HorizonMonths} maanden"),
                L($"{f.Signed(100 * r.DeparturesAvoidedPerLearner, "N1")} percentage points more still employed ",
                    $"{f.Signed(100 * r.DeparturesAvoidedPerLearner, "N1")} procentpunt meer nog in dienst ") +
                $"({f.Interval(r.CiLow * 100, r.CiHigh * 100, v => f.Signed(v, "N1"))}): " +
                L($"{f.Share(r.SurvivalLearners)} of learners vs {f.Share(r.SurvivalNone)} with no course; n = {f.Learners(r.Learners)} vs {f.Count(r.Comparison)}; ",
                    $"{f.Share(r.SurvivalLearners)} van de deelnemers tegen {f.Share(r.SurvivalNone)} zonder cursus; n = {f.Learners(r.Learners)} tegen {f.Count(r.Comparison)}; ") +
                L($"a leaver costs {f.Number(r.ReplacementCostMonths, "N1")} months × {f.Money(r.MeanMonthlySalary, cur)} mean monthly salary",
                    $"een vertrekker kost {f.Number(r.ReplacementCostMonths, "N1")} maanden × {f.Money(r.MeanMonthlySalary, cur)} gemiddeld maandsalaris"),
                f.Money(r.Expected, cur), f.Money(r.Conservative, cur)));
        else
            rows.Add(new(L("Retention", "Behoud"), L("not valued (too few people in a group at the landmark)", "niet gewaardeerd (te weinig medewerkers in een groep op het landmark)"),
                f.Money(0, cur), f.Money(0, cur)));
        return rows;
    }
}
