using System.Security.Claims;
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

        return await Page<SkillsMapView>(http, t, t["skillsmap.title"], "nav.skillsmap", new Dictionary<string, object?>
        {
            [nameof(SkillsMapView.T)] = t,
            [nameof(SkillsMapView.Filters)] = new[]
            {
                FilterForm.Select.Filter("department", t["skillsmap.department"], departments, department),
                FilterForm.Select.Filter("role", t["skillsmap.role"], roles, role),
                FilterForm.Select.Filter("category", t["skillsmap.category"], categories, category),
            },
            [nameof(SkillsMapView.Cells)] = cells,
        });
    }
}
