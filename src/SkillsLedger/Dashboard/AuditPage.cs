using System.Security.Claims;
using System.Text;
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

        var body = new StringBuilder($"<h2>{E(t["audit.head"])}</h2>");
        body.Append($"""<p id="head">{E(string.Format(t["audit.head.text"], t.Number(head.Events), head.LastSequence))} <code>{E(head.Head)}</code></p><p class="detail">{E(t["audit.head.hint"])}</p>""");
        if (http.Request.Query["verify"] == "1")
        {
            var result = await ChainVerifier.VerifyAsync(db.DataSource, org, null, ct);
            body.Append(result.Ok
                ? $"""<p id="verified" class="ok">✔ {E(string.Format(t["audit.verify.ok"], t.Number(result.Events)))}</p>"""
                : $"""<p id="verified" class="error" role="alert">✘ {E(string.Format(t["audit.verify.broken"], result.BrokenAt, result.Reason))}</p>""");
        }
        else
            body.Append($"""<form method="get"><input type="hidden" name="verify" value="1"><button type="submit">{E(t["audit.verify"])}</button></form>""");
        body.Append(Method(t, "/api/audit/verify"));

        body.Append($"""<h2>{E(t["audit.access"])}</h2><form class="filters" method="get"><label for="personId">{E(t["audit.access.person"])}</label><input id="personId" name="personId" value="{E(person)}" required><button type="submit">{E(t["audit.access.search"])}</button></form>""");
        if (person is not null)
        {
            var entries = await AccessLog.ReadAsync(db, writer, org, person, 1000, ct);
            if (entries.Count == 0) body.Append($"<p>{E(t["audit.access.none"])}</p>");
            else
            {
                body.Append($"""<table id="access"><thead><tr><th scope="col">{E(t["audit.access.at"])}</th><th scope="col">{E(t["audit.access.who"])}</th><th scope="col">{E(t["audit.access.route"])}</th><th scope="col" class="num">{E(t["audit.access.status"])}</th></tr></thead><tbody>""");
                foreach (var e in entries)
                    body.Append($"""<tr><td>{E(t.Date(e.At))} {e.At.UtcDateTime:HH:mm:ss} UTC</td><td>{E(e.Who)}</td><td><code>{E(e.Method)} {E(e.Path)}</code></td><td class="num">{e.Status}</td></tr>""");
                body.Append("</tbody></table>");
            }
            body.Append(Method(t, $"/api/audit/access?personId={Segment(person)}"));
        }

        IReadOnlyList<(string PersonId, DateTimeOffset ErasedAt)> erasures;
        await using (var conn = await db.DataSource.OpenConnectionAsync(ct)) erasures = await PersonKeys.ErasuresAsync(conn, org, ct);
        body.Append($"<h2>{E(t["audit.erasures"])}</h2><p>{E(t["audit.erasures.text"])}</p>");
        if (erasures.Count == 0) body.Append($"<p>{E(t["audit.erasures.none"])}</p>");
        else
        {
            body.Append($"""<table id="erasures"><thead><tr><th scope="col">{E(t["audit.access.person"])}</th><th scope="col">{E(t["audit.access.at"])}</th></tr></thead><tbody>""");
            foreach (var (id, at) in erasures) body.Append($"""<tr><td>{E(id)}</td><td>{E(t.Date(at))}</td></tr>""");
            body.Append("</tbody></table>");
        }
        return Html(Render(http, t, t["audit.title"], "nav.audit", body.ToString()));
    }
}
