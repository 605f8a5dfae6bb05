using System.Security.Claims;
using SkillsLedger.Analytics.People;
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
        ("retention.caption", "Kaplan–Meier curves with 95 % log(−log) bands; the dotted line marks the {0}-month horizon the table quotes. The tables below hold the same figures.",
            "Kaplan–Meiercurves met 95%-banden (log(−log)); de stippellijn markeert de horizon van {0} maanden uit de tabel. De tabellen hieronder bevatten dezelfde cijfers."),
        ("retention.none", "no course", "geen cursus"),
        ("retention.learner", "completed a course", "cursus afgerond"),
    ];

    public static async Task<IResult> GetAsync(HttpContext http, ClaimsPrincipal user, LedgerDatabase db, FigureCache figures, TimeProvider clock,
        CancellationToken ct)
    {
        var t = DashboardLanguage.For(http.Request);
        var asOf = DashboardDates.AsOf(http.Request, clock);
        var by = Param(http.Request, "by") is { } b && RetentionQuery.Groupings.Contains(b) ? b : "learner";
        var people = await RetentionQuery.PeopleAsync(figures, db, user.Organisation(), by, ct);
        var view = RetentionQuery.Analyse(people, asOf, Landmark, Horizon, by, OverviewPage.MinGroupSize, adjustForDepartment: false);

        var names = by == "program" ? await ProgrammeNames.LoadAsync(db, user.Organisation(), ct) : new Dictionary<string, string>();
        Func<string, string> label = group => by == "generation" ? t["generation." + group]
            : group == LandmarkCohort.NoLearning ? t["retention.none"] : group == "learner" ? t["retention.learner"]
            : names.TryGetValue(group, out var name) ? $"{name} ({group})" : group;
        return await Page<RetentionPageView>(http, t, t["retention.title"], "nav.retention", new Dictionary<string, object?>
        {
            [nameof(RetentionPageView.T)] = t,
            [nameof(RetentionPageView.AsOf)] = asOf,
            [nameof(RetentionPageView.By)] = by,
            [nameof(RetentionPageView.View)] = view,
            [nameof(RetentionPageView.Label)] = label,
        }, asOf);
    }
}
