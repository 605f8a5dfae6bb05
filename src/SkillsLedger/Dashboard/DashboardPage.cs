using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using SkillsLedger.Web;

namespace SkillsLedger.Dashboard;

/// <summary>
/// The shell every dashboard page shares: language, navigation, who is signed in, sign-out (a form with its anti-forgery
/// token), the asOf picker, and the page's own body. Everything written into the HTML goes through <see cref="E"/>.
/// </summary>
public static class DashboardPage
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static IResult Html(string html, int status = 200) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    /// <param name="current">The navigation entry to mark as the current page.</param>
    public static string Render(HttpContext http, DashboardLanguage t, string title, string current, string body, DateTimeOffset? asOf = null)
    {
        var user = http.User;
        var html = new StringBuilder();
        html.Append($"""
            <!doctype html>
            <html lang="{t.HtmlLang}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} · {E(t["app"])}</title><link rel="stylesheet" href="/dashboard.css"></head>
            <body>
            <a class="skip" href="#main">{(t.Code == "nl" ? "Naar de inhoud" : "Skip to content")}</a>
            <header><span class="brand">{E(t["app"])}</span>
            """);
        if (user.Identity?.IsAuthenticated == true)
        {
            html.Append($"""<nav aria-label="{E(t["nav.main"])}"><ul>""");
            foreach (var (key, href) in Navigation(user))
                html.Append($"""<li><a href="{href}"{(key == current ? " aria-current=\"page\"" : "")}>{E(t[key])}</a></li>""");
            html.Append("</ul></nav>");
            html.Append($"""
                <div class="who">{E(t["signedin"])} <strong>{E(user.Identity!.Name)}</strong> ({E(user.FindFirst(LedgerClaims.Role)?.Value)})
                <form method="post" action="/sign-out">{Token(http)}<button type="submit">{E(t["signout"])}</button></form></div>
                """);
        }
        var other = t.Code == "nl" ? "en" : "nl";
        html.Append($"""<a class="lang" href="/language?set={other}&amp;return={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}" lang="{(other == "nl" ? "nl-NL" : "en-GB")}">{E(t["language"])}</a>""");
        html.Append("</header>\n<main id=\"main\">");
        html.Append($"<h1>{E(title)}</h1>");
        if (asOf is { } at)
            html.Append($"""
                <form class="asof" method="get"><label for="asOf">{E(t["asof"])}</label>
                <input type="date" id="asOf" name="asOf" value="{at.UtcDateTime:yyyy-MM-dd}"><button type="submit">{E(t["asof.show"])}</button></form>
                """);
        if (FigureFreshness.Of(http) is { } age)
            html.Append($"""<p class="notice" role="status" id="figures-earlier">{E(string.Format(t["figures.earlier"], t.Number(age.ThroughEvent),
                $"{t.Date(age.ComputedAt)} {age.ComputedAt.UtcDateTime:HH:mm}", t.Number(age.NewestEvent - age.ThroughEvent)))}</p>""");
        html.Append(body);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>A hidden anti-forgery field for a form (the cookie half is set on the response).</summary>
    public static string Token(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"""<input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">""";
    }

    /// <summary>The pages this role may open (an auditor sees only the audit page, an employee only their own person page).</summary>
    private static IEnumerable<(string Key, string Href)> Navigation(ClaimsPrincipal user)
    {
        if (DashboardAccess.SeesOrganisation(user))
        {
            yield return ("nav.overview", "/");
            yield return ("nav.skillsmap", "/skills-map");
            yield return ("nav.programmes", "/programmes");
            yield return ("nav.retention", "/retention");
            yield return ("nav.strategy", "/strategy");
        }
        if (DashboardAccess.SeesAudit(user)) yield return ("nav.audit", "/audit");
        if (DashboardAccess.OwnPerson(user) is { } own) yield return ("nav.person", "/people/" + Uri.EscapeDataString(own));
    }

    /// <summary>An error page in the layout (403 forbidden, 400 form expired).</summary>
    public static IResult Message(HttpContext http, string titleKey, string textKey, int status)
    {
        var t = DashboardLanguage.For(http.Request);
        return Html(Render(http, t, t[titleKey], "", $"<p>{E(t[textKey])}</p>"), status);
    }

    public const string Css = """
        :root { --ink: #1a1a1a; --muted: #555; --line: #c8c8c8; --accent: #0072B2; --bg: #fff; --panel: #f5f6f8; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 "DejaVu Sans", system-ui, sans-serif; color: var(--ink); background: var(--bg); }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px; }
        header { display: flex; flex-wrap: wrap; gap: 16px; align-items: center; padding: 8px 24px; border-bottom: 1px solid var(--line); }
        .brand { font-weight: bold; }
        nav ul { display: flex; gap: 12px; list-style: none; margin: 0; padding: 0; }
        nav a[aria-current="page"] { font-weight: bold; text-decoration: underline; }
        a { color: #005a8c; } a:focus, button:focus, input:focus, select:focus { outline: 3px solid #E69F00; outline-offset: 2px; }
        .who { margin-left: auto; display: flex; gap: 8px; align-items: center; } .who form { display: inline; }
        main { padding: 16px 24px; max-width: 1200px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 16px; }
        .card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; }
        .figure { font-size: 2rem; font-weight: bold; margin: 4px 0; }
        .detail, .method { color: var(--muted); font-size: .9rem; }
        table { border-collapse: collapse; margin: 8px 0 16px; } th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .status-on-track::before { content: "● "; color: #009E73; } .status-at-risk::before { content: "▲ "; color: #E69F00; }
        .status-off-track::before { content: "■ "; color: #D55E00; }
        .error { color: #a00000; font-weight: bold; }
        .scroll { overflow-x: auto; max-width: 100%; }
        table.heatmap td { text-align: center; min-width: 4.5em; } table.heatmap td .n { display: block; font-size: .75rem; }
        .shade0 { background: #f7fbff; } .shade1 { background: #deebf7; } .shade2 { background: #9ecae1; }
        .shade3 { background: #2171b5; color: #fff; } .shade4 { background: #08306b; color: #fff; }
        .notrequired { background: #efefef; color: #555; } .suppressed { background: #595959; color: #fff; }
        .legend { list-style: none; padding: 0; } .legend li { margin: 4px 0; }
        .swatch { display: inline-block; min-width: 3.5em; padding: 2px 6px; text-align: center; border: 1px solid var(--line); margin-right: 8px; }
        td.gap { font-weight: bold; } .below { color: #a04000; }
        figure.chart { margin: 8px 0 16px; } figure.chart svg { width: 100%; height: auto; max-width: 1100px; display: block; }
        figcaption { color: var(--muted); font-size: .9rem; max-width: 1100px; }
        .filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0 16px; }
        select, input { font: inherit; padding: 2px 4px; }
        .ok { color: #006040; font-weight: bold; } .notyet { color: var(--muted); font-style: italic; }
        .notice { border-left: 4px solid #0072B2; background: #eef5fb; padding: .5em .8em; }
        section.goal { border-top: 1px solid var(--line); margin-top: 16px; }
        caption { text-align: left; font-weight: bold; padding: 4px 0; }
        button { font: inherit; padding: 4px 12px; } input[type=password] { font: inherit; width: 100%; max-width: 40em; padding: 4px; }
        """;
}
