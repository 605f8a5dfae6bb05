using System.Security.Claims;
using System.Text;
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
        ("skillsmap.team", "Team", "Team"),
        ("skillsmap.department", "Department", "Afdeling"),
        ("skillsmap.role", "Role", "Functie"),
        ("skillsmap.category", "Skill category", "Vaardigheidscategorie"),
        ("skillsmap.legend", "Legend", "Legenda"),
        ("skillsmap.legend.value", "mean gap in levels of the skill's scale, with n = members below target / members", "gemiddeld tekort in niveaus van de schaal van de vaardigheid, met n = leden onder streefniveau / leden"),
        ("skillsmap.legend.notrequired", "not required by any role in the team", "door geen functie in het team vereist"),
        ("skillsmap.legend.suppressed", "suppressed: fewer than {0} members (privacy)", "verborgen: minder dan {0} leden (privacy)"),
        ("skillsmap.legend.shades", "Darker = larger gap: 0 · up to 0.5 · up to 1 · up to 2 · more than 2 levels", "Donkerder = groter tekort: 0 · tot 0,5 · tot 1 · tot 2 · meer dan 2 niveaus"),
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
        var min = OverviewPage.MinGroupSize;

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

        var teams = cells.Select(c => c.Team).Distinct().Order(StringComparer.Ordinal).ToList();
        var skills = cells.Select(c => c.Skill).Distinct().Order(StringComparer.Ordinal).ToList();
        var byPair = cells.ToDictionary(c => (c.Team, c.Skill));
        body.Append($"<p>{E(string.Format(t["skillsmap.people"], t.Number(teams.Count), t.Number(skills.Count)))}</p>");
        body.Append($"""<div class="scroll"><table id="skills-map" class="heatmap"><caption>{E(t["skillsmap.title"])}</caption><thead><tr><th scope="col">{E(t["skillsmap.team"])}</th>""");
        foreach (var s in skills) body.Append($"""<th scope="col">{E(s)}</th>""");
        body.Append("</tr></thead><tbody>");
        foreach (var team in teams)
        {
            body.Append($"""<tr><th scope="row"><a href="/teams/{Segment(team)}">{E(team)}</a></th>""");
            foreach (var s in skills)
            {
                if (!byPair.TryGetValue((team, s), out var c))
                    body.Append("""<td class="notrequired">—</td>""");
                else if (c.Members < min)
                    body.Append($"""<td class="suppressed" data-skill="{E(s)}">&lt; {min}</td>""");
                else
                    body.Append($"""<td class="shade{Shade(c.MeanGap)} num" data-skill="{E(s)}">{E(t.Number(c.MeanGap, 2))}<span class="n">{c.BelowTarget}/{c.Members}</span></td>""");
            }
            body.Append("</tr>");
        }
        body.Append("</tbody></table></div>");
        body.Append($"""
            <h2>{E(t["skillsmap.legend"])}</h2><ul class="legend">
            <li><span class="swatch shade3">1,25</span> {E(t["skillsmap.legend.value"])}</li>
            <li><span class="swatch notrequired">—</span> {E(t["skillsmap.legend.notrequired"])}</li>
            <li><span class="swatch suppressed">&lt; {min}</span> {E(string.Format(t["skillsmap.legend.suppressed"], min))}</li>
            <li>{E(t["skillsmap.legend.shades"])}</li></ul>
            """.Replace("1,25", t.Number(1.25, 2)));
        body.Append(Method(t, "/api/teams/{team}/gaps", "§ gaps"));
        return Html(Render(http, t, t["skillsmap.title"], "nav.skillsmap", body.ToString()));
    }

    /// <summary>Five shades, from no gap to more than two levels (the legend says where each starts).</summary>
    public static int Shade(double gap) => gap switch { <= 0 => 0, <= 0.5 => 1, <= 1 => 2, <= 2 => 3, _ => 4 };
}
