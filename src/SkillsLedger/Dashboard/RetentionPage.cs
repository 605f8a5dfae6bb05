using System.Security.Claims;
using System.Text;
using SkillsLedger.Analytics.People;
using SkillsLedger.Charts;
using SkillsLedger.Infrastructure;
using SkillsLedger.Retention;
using SkillsLedger.Roi;
using SkillsLedger.Web;
using static SkillsLedger.Dashboard.DashboardPage;
using static SkillsLedger.Dashboard.DashboardHtml;

namespace SkillsLedger.Dashboard;

/// <summary>
/// GET /retention?by=learner|program|department — the landmark retention analysis of GET /api/analytics/retention
/// (RetentionQuery: the same computation): Kaplan–Meier curves with 95 % bands and the horizon marked, the
/// number-at-risk table under the chart, log-rank and hazard ratio with intervals, and the design in one sentence.
/// </summary>
public static class RetentionPage
{
    private const int Landmark = 90, Horizon = 12;

    public static readonly Text[] Texts =
    [
        ("retention.title", "Retention", "Behoud"),
        ("retention.design", "Landmark design: everyone still employed {0} days after hire is grouped by what they completed by then and followed from that day until they left or the date shown, so time spent waiting for a course is not credited to it.",
            "Landmarkopzet: iedereen die {0} dagen na indiensttreding nog in dienst is, wordt ingedeeld naar wat hij tot dan afrondde en vanaf die dag gevolgd tot vertrek of de peildatum, zodat wachttijd op een cursus niet aan die cursus wordt toegeschreven."),
        ("retention.by", "Group by", "Groeperen naar"),
        ("retention.by.learner", "learners and non-learners", "wel en niet lerend"),
        ("retention.by.program", "first programme", "eerste programma"),
        ("retention.by.department", "department", "afdeling"),
        ("retention.by.generation", "generation", "generatie"),
        ("retention.chart", "Share still employed after the {0}-day landmark", "Aandeel nog in dienst na de landmark van {0} dagen"),
        ("retention.xlabel", "Days since landmark", "Dagen sinds landmark"),
        ("retention.ylabel", "Still employed (%)", "Nog in dienst (%)"),
        ("retention.chartmethod", "Kaplan–Meier, 95 % bands", "Kaplan–Meier, 95%-banden"),
        ("retention.horizon", "{0}-month horizon", "horizon van {0} maanden"),
        ("retention.caption", "Kaplan–Meier curves with 95 % log(−log) bands; the dotted line marks the {0}-month horizon the table quotes. The tables below hold the same figures.",
            "Kaplan–Meiercurves met 95%-banden (log(−log)); de stippellijn markeert de horizon van {0} maanden uit de tabel. De tabellen hieronder bevatten dezelfde cijfers."),
        ("retention.group", "Group", "Groep"),
        ("retention.axisstarts", "axis starts at", "as begint bij"),
        ("retention.atriskshort", "Number at risk", "Aantal gevolgd"),
        ("retention.departures", "Left", "Vertrokken"),
        ("retention.censored", "Still employed (censored)", "Nog in dienst (gecensureerd)"),
        ("retention.survival", "Still employed at the horizon", "Nog in dienst op de horizon"),
        ("retention.none", "no course", "geen cursus"),
        ("retention.learner", "completed a course", "cursus afgerond"),
        ("retention.atrisk", "Number at risk (still followed) by day since landmark", "Aantal nog gevolgd per dag sinds de landmark"),
        ("retention.day", "Day {0}", "Dag {0}"),
        ("retention.logrank", "Log-rank test: χ² = {0}, {1} degrees of freedom, p = {2}.", "Log-ranktoets: χ² = {0}, {1} vrijheidsgraden, p = {2}."),
        ("retention.hr", "Hazard ratio of leaving, learners versus non-learners (Cox, Efron ties): {0} (95 % interval {1} to {2}), {3} learners, {4} non-learners; below 1 means learners leave less often.",
            "Hazard ratio van vertrek, lerend versus niet lerend (Cox, Efron-ties): {0} (95%-interval {1} tot {2}), {3} lerend, {4} niet lerend; onder 1 betekent dat lerenden minder vaak vertrekken."),
        ("retention.followed", "n = {0} people followed; {1} not yet at the landmark; {2} left before it.", "n = {0} medewerkers gevolgd; {1} nog niet bij de landmark; {2} vertrokken daarvoor."),
    ];

    public static async Task<IResult> GetAsync(HttpContext http, ClaimsPrincipal user, LedgerDatabase db, FigureCache figures, TimeProvider clock,
        CancellationToken ct)
    {
        var t = DashboardLanguage.For(http.Request);
        var asOf = DashboardDates.AsOf(http.Request, clock);
        var by = Param(http.Request, "by") is { } b && RetentionQuery.Groupings.Contains(b) ? b : "learner";
        var people = await RetentionQuery.PeopleAsync(figures, db, user.Organisation(), by, ct);
        var view = RetentionQuery.Analyse(people, asOf, Landmark, Horizon, by, OverviewPage.MinGroupSize, adjustForDepartment: false);

        var body = new StringBuilder($"<p>{E(string.Format(t["retention.design"], Landmark))}</p>");
        body.Append(Choice(t, asOf, "by", t["retention.by"], RetentionQuery.Groupings, by, "retention.by."));
        body.Append($"<p id=\"followed\">{E(string.Format(t["retention.followed"], t.Number(view.Followed), t.Number(view.NotYetAtLandmark), t.Number(view.LeftBeforeLandmark)))}</p>");

        var names = by == "program" ? await ProgrammeNames.LoadAsync(db, user.Organisation(), ct) : new Dictionary<string, string>();
        string Label(string group) => by == "generation" ? t["generation." + group]
            : group == LandmarkCohort.NoLearning ? t["retention.none"] : group == "learner" ? t["retention.learner"]
            : names.TryGetValue(group, out var name) ? $"{name} ({group})" : group;
        var shown = view.Groups.Where(g => !g.Suppressed && g.Curve is { Count: > 0 }).ToList();
        var chartGroups = shown.Select(g => new SurvivalGroup(Label(g.Group), g.N,
            g.Curve!.Select(p => new SurvivalPoint(p.Day, p.Survival, p.CiLow ?? p.Survival, p.CiHigh ?? p.Survival, p.AtRisk)).ToList())).ToList();
        var title = string.Format(t["retention.chart"], Landmark);
        var chart = SurvivalChart.Render(new SurvivalChartData(title, chartGroups, t["retention.xlabel"], t["retention.ylabel"], t["retention.chartmethod"],
            HorizonDays: view.HorizonDays, HorizonLabel: string.Format(t["retention.horizon"], Horizon), AxisStartsAt: t["retention.axisstarts"],
            NumberAtRisk: t["retention.atriskshort"], Words: t.ChartWords));
        body.Append(DashboardHtml.Chart(chart, title, string.Format(t["retention.caption"], Horizon)));

        body.Append($"""<table id="groups"><thead><tr><th scope="col">{E(t["retention.group"])}</th><th scope="col" class="num">n</th><th scope="col" class="num">{E(t["retention.departures"])}</th><th scope="col" class="num">{E(t["retention.censored"])}</th><th scope="col" class="num">{E(t["retention.survival"])}</th><th scope="col">{E(t["ci95"])}</th></tr></thead><tbody>""");
        foreach (var g in view.Groups)
            body.Append(g.Suppressed
                ? $"""<tr><th scope="row">{E(Label(g.Group))}</th><td class="num">{g.N}</td><td colspan="4">{E(string.Format(t["suppressed"], view.MinGroupSize))}</td></tr>"""
                : $"""<tr><th scope="row">{E(Label(g.Group))}</th><td class="num">{g.N}</td><td class="num">{g.Departures}</td><td class="num">{g.Censored}</td><td class="num" data-group="{E(g.Group)}">{E(t.Percent(g.SurvivalAtHorizon))}</td><td>{E(t.Interval(g.CiLow, g.CiHigh))}</td></tr>""");
        body.Append("</tbody></table>");

        var days = new[] { 0, 90, 180, 270, 365 }.Where(d => d <= view.HorizonDays).ToList();
        body.Append($"""<h2>{E(t["retention.atrisk"])}</h2><table id="at-risk"><thead><tr><th scope="col">{E(t["retention.group"])}</th>""");
        foreach (var d in days) body.Append($"""<th scope="col" class="num">{E(string.Format(t["retention.day"], d))}</th>""");
        body.Append("</tr></thead><tbody>");
        foreach (var g in chartGroups)
        {
            body.Append($"""<tr><th scope="row">{E(g.Name)}</th>""");
            foreach (var d in days) body.Append($"""<td class="num">{SurvivalChart.AtRiskAt(g, d)}</td>""");
            body.Append("</tr>");
        }
        body.Append("</tbody></table>");

        if (view.LogRank is { } lr)
            body.Append($"<p id=\"logrank\">{E(string.Format(t["retention.logrank"], t.Number(lr.Chi2, 2), lr.Df, PValue(t, lr.P)))}</p>");
        if (view.HazardRatio is { Estimate: { } hr } h)
            body.Append($"<p id=\"hazard\">{E(string.Format(t["retention.hr"], t.Number(hr, 2), h.CiLow is { } lo ? t.Number(lo, 2) : "—", h.CiHigh is { } hi ? t.Number(hi, 2) : "—", h.Learners, h.NonLearners))}</p>");
        body.Append(Method(t, $"/api/analytics/retention?{AsOfQuery(asOf)}&by={by}", "§ retention"));
        return Html(Render(http, t, t["retention.title"], "nav.retention", body.ToString(), asOf));
    }

    /// <summary>p with three decimals, or "&lt; 0.001" (never "0.000").</summary>
    public static string PValue(DashboardLanguage t, double p) => p < 0.001 ? "< " + t.Number(0.001, 3) : t.Number(p, 3);
}
