using System.Security.Claims;
using System.Text;
using SkillsLedger.Presentation;
using SkillsLedger.Gaps;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using static SkillsLedger.Dashboard.DashboardPage;
using static SkillsLedger.Dashboard.DashboardHtml;

namespace SkillsLedger.Dashboard;

/// <summary>
/// GET /skills-map — team × skill heatmap of the mean gap against the role profiles (GapQuery.TeamSkillMatrixAsync,
/// the figures of the report's heatmap), filterable by department, role and skill category. Every cell holds its value
/// and n; "not required" and "suppressed" are told apart by text, not only by colour. Team names drill down to the team.
/// </summary>
public static class SkillsMapPage
{
    public static readonly Text[] Texts =
    [
        ("skillsmap.title", "Skills map", "Vaardighedenkaart"),
        ("skillsmap.intro", "Mean gap per team and skill: target level of the role profile minus the current level (0 at or above target; the whole target when never assessed), over the team's current members whose role requires the skill.",
            "Gemiddeld tekort per team en vaardigheid: streefniveau van het functieprofiel min het huidige niveau (0 op of boven het streefniveau; het hele streefniveau als er nooit is beoordeeld), over de huidige teamleden wier functie de vaardigheid vereist."),
        ("skillsmap.department", "Department", "Afdeling"),
        ("skillsmap.role", "Role", "Functie"),
        ("skillsmap.category", "Skill category", "Vaardigheidscategorie"),
        ("skillsmap.empty", "No current member has a role with a profile (for these filters).", "Geen huidig lid heeft een functie met een profiel (voor deze filters)."),
        ("skillsmap.people", "{0} teams × {1} skills required by their roles", "{0} teams × {1} vaardigheden die hun functies vereisen"),
    ];

    public static async Task<IResult> GetAsync(HttpContext http, ClaimsPrincipal user, LedgerDatabase db, CancellationToken ct)
    {
        var t = DashboardLanguage.For(http.Request);
        var org = user.Organisation();
        var (department, role, category) = (Param(http.Request, "department"), Param(http.Request, "role"), Param(http.Request, "category"));
        var (departments, roles, categories) = await GapQuery.FilterValuesAsync(db, org, ct);
        var cells = await GapQuery.TeamSkillMatrixAsync(db, org, ct, department, role, category);

        var body = new StringBuilder();
        body.Append($"<p>{E(t["skillsmap.intro"])}</p><p class=\"detail\">{E(t["current"])}</p>");
        body.Append(Filters(t, null,
            ("department", t["skillsmap.department"], departments, department),
            ("role", t["skillsmap.role"], roles, role),
            ("category", t["skillsmap.category"], categories, category)));
        if (cells.Count == 0)
        {
            body.Append($"<p>{E(t["skillsmap.empty"])}</p>");
            return Html(Render(http, t, t["skillsmap.title"], "nav.skillsmap", body.ToString()));
        }

        body.Append($"<p>{E(string.Format(t["skillsmap.people"], t.Number(cells.Select(c => c.Team).Distinct().Count()), t.Number(cells.Select(c => c.Skill).Distinct().Count())))}</p>");
        // The same table (with its legend) as under the report's gap heatmap.
        body.Append(await HtmlRendering.RenderAsync<GapMatrixTable>(new Dictionary<string, object?>
        {
            [nameof(GapMatrixTable.Cells)] = cells,
            [nameof(GapMatrixTable.MinMembers)] = OverviewPage.MinGroupSize,
            [nameof(GapMatrixTable.F)] = t,
            [nameof(GapMatrixTable.TeamHref)] = (Func<string, string>)(team => "/teams/" + Segment(team)),
        }));
        body.Append(Method(t, "/api/teams/{team}/gaps", "§ gaps"));
        return Html(Render(http, t, t["skillsmap.title"], "nav.skillsmap", body.ToString()));
    }
}
