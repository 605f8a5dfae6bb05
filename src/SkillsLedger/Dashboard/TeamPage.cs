using System.Security.Claims;
using SkillsLedger.Access;
using SkillsLedger.Gaps;
using SkillsLedger.Growth;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using static SkillsLedger.Dashboard.DashboardPage;

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
            return await Message(http, "notfound.title", "notfound.text", StatusCodes.Status404NotFound);
        await AccessLog.RecordAsync(http, Route);
        var growth = (await GrowthQuery.QueryAsync(figures, db, org, "team", ct, OverviewPage.MinGroupSize)).FirstOrDefault(g => g.Group == team);
        var learning = await TeamLearningQuery.LoadAsync(db, org, team, clock.GetUtcNow(), ct);

        return await Page<TeamView>(http, t, string.Format(t["team.title"], team), "nav.skillsmap", new Dictionary<string, object?>
        {
            [nameof(TeamView.T)] = t,
            [nameof(TeamView.Team)] = team,
            [nameof(TeamView.Rows)] = rows,
            [nameof(TeamView.Growth)] = growth,
            [nameof(TeamView.Learning)] = learning,
        });
    }
}
