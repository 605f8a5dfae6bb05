using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using SkillsLedger.Presentation;
using SkillsLedger.Web;

namespace SkillsLedger.Dashboard;

/// <summary>
/// The shell every dashboard page shares (the Razor layout <see cref="DashboardLayout"/>) around a page's own Razor
/// component: one render, every value HTML-encoded by Razor.
/// </summary>
public static class DashboardPage
{
    /// <summary>The page: its component <typeparamref name="TView"/> with these parameters, in the shell every page shares.</summary>
    /// <param name="current">The navigation entry to mark as the current page.</param>
    public static Task<IResult> Page<TView>(HttpContext http, DashboardLanguage t, string title, string current, IReadOnlyDictionary<string, object?> view,
        DateTimeOffset? asOf = null, int status = StatusCodes.Status200OK) where TView : IComponent =>
        Page(http, t, title, current, b =>
        {
            b.OpenComponent<TView>(0);
            foreach (var (name, value) in view) b.AddComponentParameter(1, name, value);
            b.CloseComponent();
        }, asOf, status);

    /// <summary>The page with this body (a Razor fragment) in the shell every page shares.</summary>
    public static async Task<IResult> Page(HttpContext http, DashboardLanguage t, string title, string current, RenderFragment body,
        DateTimeOffset? asOf = null, int status = StatusCodes.Status200OK)
    {
        var user = http.User;
        DashboardLayout.SignedIn? signedIn = null;
        if (user.Identity?.IsAuthenticated == true)
        {
            var tokens = Tokens(http);
            signedIn = new(user.Identity.Name, user.FindFirst(LedgerClaims.Role)?.Value, [.. Navigation(user)], tokens.FormFieldName, tokens.RequestToken);
        }
        var html = await HtmlRendering.RenderAsync<DashboardLayout>(new Dictionary<string, object?>
        {
            [nameof(DashboardLayout.T)] = t,
            [nameof(DashboardLayout.Title)] = title,
            [nameof(DashboardLayout.Current)] = current,
            [nameof(DashboardLayout.User)] = signedIn,
            [nameof(DashboardLayout.ReturnTo)] = http.Request.Path + http.Request.QueryString,
            [nameof(DashboardLayout.AsOf)] = asOf,
            [nameof(DashboardLayout.Freshness)] = FigureFreshness.Of(http),
            [nameof(DashboardLayout.ChildContent)] = body,
        });
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>The anti-forgery token of this request's forms (the cookie half is set on the response).</summary>
    public static AntiforgeryTokenSet Tokens(HttpContext http) => http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);

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

    /// <summary>An error page in the layout (403 forbidden, 400 form expired, 404 not found): its title and one sentence.</summary>
    public static Task<IResult> Message(HttpContext http, string titleKey, string textKey, int status)
    {
        var t = DashboardLanguage.For(http.Request);
        return Page(http, t, t[titleKey], "", b =>
        {
            b.OpenElement(0, "p");
            b.AddContent(1, t[textKey]);
            b.CloseElement();
        }, status: status);
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
        #asOf-shown { margin-left: .5em; }
        .notice { border-left: 4px solid #0072B2; background: #eef5fb; padding: .5em .8em; }
        section.goal { border-top: 1px solid var(--line); margin-top: 16px; }
        caption { text-align: left; font-weight: bold; padding: 4px 0; }
        button { font: inherit; padding: 4px 12px; } input[type=password] { font: inherit; width: 100%; max-width: 40em; padding: 4px; }
        """;
}
