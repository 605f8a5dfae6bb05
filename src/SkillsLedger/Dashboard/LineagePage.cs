using System.Security.Claims;
using SkillsLedger.Infrastructure;
using SkillsLedger.SkillLevels;
using SkillsLedger.Web;
using SkillsLedger.Access;
using static SkillsLedger.Dashboard.DashboardPage;

namespace SkillsLedger.Dashboard;

/// <summary>
/// GET /people/{personId}/skills/{skill} — the lineage of one level for an auditor (or the person themself): every
/// event that touched it, who recorded it and when, its weight or why it was left out, the rule and its version, and
/// the formula to recompute it by hand. The same derivation as GET /api/people/{personId}/skills/{skill}/lineage.
/// </summary>
public static class LineagePage
{
    public const string Route = "/people/{personId}/skills/{skill}";

    public static readonly Text[] Texts =
    [
        ("lineage.title", "{0}: how the level of {1} was derived", "{0}: hoe het niveau voor {1} is afgeleid"),
        ("lineage.summary", "Level {0} on a scale of {1}, rule {2} version {3}, evidence weight {4}.", "Niveau {0} op een schaal van {1}, regel {2} versie {3}, bewijsgewicht {4}."),
        ("lineage.formula", "Formula: level = Σ(weight · level) / Σ(weight) over the included events; weight = method weight · 0.5^(age in days / 365), age counted back from the newest included event.",
            "Formule: niveau = Σ(gewicht · niveau) / Σ(gewicht) over de meegetelde gebeurtenissen; gewicht = methodegewicht · 0,5^(leeftijd in dagen / 365), leeftijd teruggeteld vanaf de nieuwste meegetelde gebeurtenis."),
        ("lineage.seq", "Seq.", "Volgnr."),
        ("lineage.event", "Event", "Gebeurtenis"),
        ("lineage.type", "Type", "Soort"),
        ("lineage.occurred", "Occurred", "Plaatsgevonden"),
        ("lineage.recorded", "Recorded (by)", "Vastgelegd (door)"),
        ("lineage.method", "Method", "Methode"),
        ("lineage.weight", "Weight", "Gewicht"),
        ("lineage.counted", "Counted", "Meegeteld"),
        ("lineage.yes", "yes", "ja"),
        ("lineage.no", "no: {0}", "nee: {0}"),
        ("lineage.statement", "xAPI statement", "xAPI-statement"),
        ("lineage.back", "Back to the person", "Terug naar de medewerker"),
    ];

    public static async Task<IResult> GetAsync(string personId, string skill, HttpContext http, ClaimsPrincipal user, PersonEvidenceQuery evidenceQuery,
        TimeProvider clock, CancellationToken ct)
    {
        if (!DashboardAccess.MayReadLineage(user, personId))
            return await Message(http, "forbidden.title", "forbidden.text", StatusCodes.Status403Forbidden);
        var t = DashboardLanguage.For(http.Request);
        var asOf = DashboardDates.AsOf(http.Request, clock);
        var (found, defined, scales) = await evidenceQuery.LoadAsync(user.Organisation(), personId, skill, ct);
        if (found is null || !defined)
            return await Message(http, "notfound.title", "notfound.text", StatusCodes.Status404NotFound);
        await AccessLog.RecordAsync(http, Route);
        var d = found.Derive(skill, asOf, clock.GetUtcNow());

        return await Page<LineageView>(http, t, string.Format(t["lineage.title"], personId, skill), "nav.person", new Dictionary<string, object?>
        {
            [nameof(LineageView.T)] = t,
            [nameof(LineageView.PersonId)] = personId,
            [nameof(LineageView.Skill)] = skill,
            [nameof(LineageView.AsOf)] = asOf,
            [nameof(LineageView.Scale)] = PersonPage.ScaleText(scales[skill]),
            [nameof(LineageView.D)] = d,
        }, asOf);
    }
}
