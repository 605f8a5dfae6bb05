using System.Security.Claims;
using SkillsLedger.Access;
using SkillsLedger.Audit;
using SkillsLedger.Infrastructure;
using SkillsLedger.Privacy;
using SkillsLedger.Web;
using static SkillsLedger.Dashboard.DashboardPage;
using static SkillsLedger.Dashboard.DashboardHtml;

namespace SkillsLedger.Dashboard;

/// <summary>
/// GET /audit — for auditors: the chain head to record elsewhere, a full re-verification of the hash chain on request
/// (?verify=1: it re-reads every event, so it is not run on every page view), who read a person's data (the access
/// log, ?personId=) and the erasures. The same code as GET /api/audit/head, /verify and /access.
/// </summary>
public static class AuditPage
{
    public static readonly Text[] Texts =
    [
        ("audit.title", "Audit", "Audit"),
        ("audit.head", "Chain head", "Kop van de keten"),
        ("audit.head.text", "{0} events; last sequence {1}; head hash:", "{0} gebeurtenissen; laatste volgnummer {1}; hash van de kop:"),
        ("audit.head.hint", "Write the head hash down outside this system (e.g. in the audit file): a later verification that ends at the same hash proves nothing before it changed.",
            "Noteer de hash van de kop buiten dit systeem (bijvoorbeeld in het auditdossier): een latere controle die op dezelfde hash uitkomt, bewijst dat er daarvoor niets is veranderd."),
        ("audit.verify", "Verify the whole chain", "Controleer de hele keten"),
        ("audit.verify.ok", "Verified: all {0} events are unchanged, complete and in order; the recomputed head equals the stored one.",
            "Gecontroleerd: alle {0} gebeurtenissen zijn ongewijzigd, volledig en in volgorde; de herberekende kop is gelijk aan de opgeslagen kop."),
        ("audit.verify.broken", "The chain is broken at sequence {0}: {1}", "De keten is verbroken bij volgnummer {0}: {1}"),
        ("audit.access", "Who read a person's data", "Wie de gegevens van een medewerker las"),
        ("audit.access.person", "Person id", "Medewerker-id"),
        ("audit.access.search", "Search", "Zoeken"),
        ("audit.access.none", "Nobody has read this person's data.", "Niemand heeft de gegevens van deze medewerker gelezen."),
        ("audit.access.at", "When", "Wanneer"),
        ("audit.access.who", "Who", "Wie"),
        ("audit.access.route", "Route", "Route"),
        ("audit.access.status", "Answer", "Antwoord"),
        ("audit.erasures", "Erasures", "Verwijderingen"),
        ("audit.erasures.text", "Personal fields of these people were made unreadable by destroying their key (crypto-shredding); their events still count in every figure.",
            "De persoonsgegevens van deze medewerkers zijn onleesbaar gemaakt door hun sleutel te vernietigen (crypto-shredding); hun gebeurtenissen tellen nog mee in elk cijfer."),
        ("audit.erasures.none", "No erasures.", "Geen verwijderingen."),
    ];

    public static async Task<IResult> GetAsync(HttpContext http, ClaimsPrincipal user, LedgerDatabase db, AccessLogWriter writer, CancellationToken ct)
    {
        var t = DashboardLanguage.For(http.Request);
        var org = user.Organisation();
        var person = Param(http.Request, "personId");
        var head = await ChainVerifier.HeadAsync(db.DataSource, org, ct);

        var verified = http.Request.Query["verify"] == "1" ? await ChainVerifier.VerifyAsync(db.DataSource, org, null, ct) : null;
        var access = person is null ? null : await AccessLog.ReadAsync(db, writer, org, person, 1000, ct);
        IReadOnlyList<(string PersonId, DateTimeOffset ErasedAt)> erasures;
        await using (var conn = await db.DataSource.OpenConnectionAsync(ct)) erasures = await PersonKeys.ErasuresAsync(conn, org, ct);
        return await Page<AuditView>(http, t, t["audit.title"], "nav.audit", new Dictionary<string, object?>
        {
            [nameof(AuditView.T)] = t,
            [nameof(AuditView.Head)] = head,
            [nameof(AuditView.Verified)] = verified,
            [nameof(AuditView.Person)] = person,
            [nameof(AuditView.Access)] = access,
            [nameof(AuditView.Erasures)] = erasures,
        });
    }
}
