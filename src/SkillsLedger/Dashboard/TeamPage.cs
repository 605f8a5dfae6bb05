using System.Security.Claims;
using System.Text;
using SkillsLedger.Access;
using SkillsLedger.Gaps;
using SkillsLedger.Growth;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using static SkillsLedger.Dashboard.DashboardPage;
using static SkillsLedger.Dashboard.DashboardHtml;

namespace SkillsLedger.Dashboard;

/// <summary>
/// GET /teams/{team} — a manager's view of one team: each current member's level against their role profile (the
/// rows of GET /api/teams/{team}/gaps), the gap per skill, the team's growth (GET /api/analytics/growth?by=team) and
/// what the members learned in the last year. Written to the access log like the API's team route.
/// </summary>
public static class TeamPage
{
    public const string Route = "/teams/{team}";

    public static readonly Text[] Texts =
    [
        ("team.title", "Team {0}", "Team {0}"),
        ("team.members", "Members against their role profile", "Leden ten opzichte van hun functieprofiel"),
        ("team.members.intro", "Each cell: current level / target level of the role profile; ▼ marks a level below target, “not assessed” a skill without evidence. Levels: rule weighted-recency v1.",
            "Elke cel: huidig niveau / streefniveau van het functieprofiel; ▼ markeert een niveau onder het streefniveau, “niet beoordeeld” een vaardigheid zonder bewijs. Niveaus: regel weighted-recency v1."),
        ("team.person", "Person", "Medewerker"),
        ("team.role", "Role", "Functie"),
        ("team.notassessed", "not assessed", "niet beoordeeld"),
        ("team.below", "below target", "onder streefniveau"),
        ("team.gaps", "Gaps per skill", "Tekorten per vaardigheid"),
        ("team.skill", "Skill", "Vaardigheid"),
        ("team.scale", "Scale", "Schaal"),
        ("team.belowcount", "Below target", "Onder streefniveau"),
        ("team.meangap", "Mean gap (levels)", "Gemiddeld tekort (niveaus)"),
        ("team.growth", "Growth", "Groei"),
        ("team.growth.text", "Mean growth {0} per year (95 % interval {1} to {2}), n = {3} people with a growth rate.", "Gemiddelde groei {0} per jaar (95%-interval {1} tot {2}), n = {3} medewerkers met een groeicijfer."),
        ("team.growth.none", "Too few people with two assessments 30 days apart to show growth (n = {0}).", "Te weinig medewerkers met twee beoordelingen 30 dagen uit elkaar om groei te tonen (n = {0})."),
        ("team.growth.levels", "levels", "niveaus"),
        ("team.growth.shares", "of the scale", "van de schaal"),
        ("team.learning", "Learning in the last 12 months", "Leren in de afgelopen 12 maanden"),
        ("team.learning.text", "{0} of {1} current members completed at least one course; {2} hours in total.", "{0} van {1} huidige leden rondden minstens één cursus af; {2} uur in totaal."),
        ("team.course", "Course", "Cursus"),
        ("team.programme", "Programme", "Programma"),
        ("team.completions", "Completions", "Afrondingen"),
        ("team.learners", "People", "Medewerkers"),
        ("team.hours", "Hours", "Uren"),
        ("team.empty", "This team has no current member with a role profile.", "Dit team heeft geen huidig lid met een functieprofiel."),
    ];

    public static async Task<IResult> GetAsync(string team, HttpContext http, ClaimsPrincipal user, LedgerDatabase db, FigureCache figures, TimeProvider clock,
        CancellationToken ct)
    {
        var t = DashboardLanguage.For(http.Request);
        var org = user.Organisation();
        if (await GapQuery.ForTeamAsync(db, org, team, ct) is not { } rows)
            return Message(http, "notfound.title", "notfound.text", StatusCodes.Status404NotFound);
        await AccessLog.RecordAsync(http, Route);
        var growth = (await GrowthQuery.QueryAsync(figures, db, org, "team", ct, OverviewPage.MinGroupSize)).FirstOrDefault(g => g.Group == team);
        var learning = await TeamLearningQuery.LoadAsync(db, org, team, clock.GetUtcNow(), ct);

        var body = new StringBuilder($"<p class=\"detail\">{E(t["current"])}</p>");
        body.Append($"<h2>{E(t["team.members"])}</h2><p>{E(t["team.members.intro"])}</p>");
        if (rows.Count == 0) body.Append($"<p>{E(t["team.empty"])}</p>");
        else
        {
            var skills = rows.Select(r => r.Skill).Distinct().Order(StringComparer.Ordinal).ToList();
            body.Append($"""<div class="scroll"><table id="members"><thead><tr><th scope="col">{E(t["team.person"])}</th><th scope="col">{E(t["team.role"])}</th>""");
            foreach (var s in skills) body.Append($"""<th scope="col">{E(s)}</th>""");
            body.Append("</tr></thead><tbody>");
            foreach (var person in rows.GroupBy(r => r.PersonId))
            {
                var own = person.ToDictionary(r => r.Skill);
                body.Append($"""<tr><th scope="row"><a href="/people/{Segment(person.Key)}">{E(person.Key)}</a></th><td>{E(person.First().Role)}</td>""");
                foreach (var s in skills)
                {
                    if (!own.TryGetValue(s, out var r)) { body.Append("<td></td>"); continue; }
                    var level = r.Level is { } l ? t.Number(l, 2) : t["team.notassessed"];
                    var below = r.Gap > 0 ? $"""<span class="below" title="{E(t["team.below"])}">▼ </span>""" : "";
                    body.Append($"""<td class="num{(r.Gap > 0 ? " gap" : "")}" data-person="{E(r.PersonId)}" data-skill="{E(s)}">{below}{E(level)} / {E(t.Number(r.Target, 0))}</td>""");
                }
                body.Append("</tr>");
            }
            body.Append("</tbody></table></div>");

            body.Append($"""<h2>{E(t["team.gaps"])}</h2><table id="gaps"><thead><tr><th scope="col">{E(t["team.skill"])}</th><th scope="col">{E(t["team.scale"])}</th><th scope="col" class="num">n</th><th scope="col" class="num">{E(t["team.belowcount"])}</th><th scope="col" class="num">{E(t["team.meangap"])}</th></tr></thead><tbody>""");
            foreach (var g in GapQuery.Summarise(rows))
                body.Append($"""<tr><td>{E(g.Skill)}</td><td>{E($"{g.ScaleMin:0.##}–{g.ScaleMax:0.##}")}</td><td class="num">{g.Members}</td><td class="num">{g.BelowTarget}</td><td class="num">{E(t.Number(g.MeanGap, 2))}</td></tr>""");
            body.Append("</tbody></table>");
            body.Append(Method(t, $"/api/teams/{Segment(team)}/gaps"));
        }

        body.Append($"<h2>{E(t["team.growth"])}</h2><p id=\"growth\">");
        body.Append(growth is { Suppressed: false, MeanSlope: { } slope }
            ? E(string.Format(t["team.growth.text"], Signed(t, slope) + " " + GrowthUnit(t, growth.Unit), Signed(t, growth.CiLow), Signed(t, growth.CiHigh), growth.N))
            : E(string.Format(t["team.growth.none"], growth?.N ?? 0)));
        body.Append("</p>").Append(Method(t, "/api/analytics/growth?by=team"));

        body.Append($"<h2>{E(t["team.learning"])}</h2><p id=\"learning\">{E(string.Format(t["team.learning.text"], learning.Learners, learning.Members, t.Number(learning.Hours, 1)))}</p>");
        if (learning.Courses.Count > 0)
        {
            body.Append($"""<table id="courses"><thead><tr><th scope="col">{E(t["team.course"])}</th><th scope="col">{E(t["team.programme"])}</th><th scope="col" class="num">{E(t["team.completions"])}</th><th scope="col" class="num">{E(t["team.learners"])}</th><th scope="col" class="num">{E(t["team.hours"])}</th></tr></thead><tbody>""");
            foreach (var c in learning.Courses)
                body.Append($"""<tr><td>{E(c.CourseId)}</td><td>{E(c.ProgramId ?? "—")}</td><td class="num">{c.Completions}</td><td class="num">{c.People}</td><td class="num">{E(t.Number(c.Hours, 1))}</td></tr>""");
            body.Append("</tbody></table>");
        }
        return Html(Render(http, t, string.Format(t["team.title"], team), "nav.skillsmap", body.ToString()));
    }

    public static string Signed(DashboardLanguage t, double? value) => value is { } v ? (v > 0 ? "+" : v < 0 ? "−" : "") + t.Number(Math.Abs(v), 2) : "—";

    /// <summary>Growth is in levels per year, or in shares of the scale when a group mixes scales (docs/methods.md §2).</summary>
    private static string GrowthUnit(DashboardLanguage t, string unit) => t[unit == GrowthQuery.Unit ? "team.growth.levels" : "team.growth.shares"];
}
