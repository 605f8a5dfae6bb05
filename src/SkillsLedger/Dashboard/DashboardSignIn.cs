using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SkillsLedger.Access;
using SkillsLedger.Web;
using static SkillsLedger.Dashboard.DashboardPage;

namespace SkillsLedger.Dashboard;

/// <summary>
/// Sign-in by pasting an API key once: the key is checked like the API checks it, and the browser then holds only a
/// session cookie (HttpOnly, SameSite=Strict, Secure under HTTPS, 8 hours) carrying the key's organisation and role —
/// never the key. Every form carries an anti-forgery token. Keys for machines (ingest, lrs) cannot sign in.
/// </summary>
public static class DashboardSignIn
{
    public const string Scheme = LedgerAuthentication.CookieScheme;
    public static readonly TimeSpan SessionLength = TimeSpan.FromHours(8);

    public static AuthenticationBuilder AddDashboardCookie(this AuthenticationBuilder auth) =>
        auth.AddCookie(Scheme, o =>
        {
            o.Cookie.Name = LedgerAuthentication.SessionCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = SessionLength;
            o.SlidingExpiration = false; // a session ends 8 hours after sign-in, however busy
            o.LoginPath = "/sign-in";
            o.AccessDeniedPath = "/forbidden";
            o.ReturnUrlParameter = "return";
        });

    public static Task<IResult> Form(HttpContext http, string? error = null, int status = StatusCodes.Status200OK)
    {
        var t = DashboardLanguage.For(http.Request);
        var tokens = Tokens(http);
        return Page<SignInView>(http, t, t["signin.title"], "", new Dictionary<string, object?>
        {
            [nameof(SignInView.T)] = t,
            [nameof(SignInView.Return)] = LocalReturn(http.Request.Query["return"]),
            [nameof(SignInView.TokenField)] = tokens.FormFieldName,
            [nameof(SignInView.Token)] = tokens.RequestToken,
            [nameof(SignInView.Error)] = error,
        }, status: status);
    }

    public static async Task<IResult> SubmitAsync(HttpContext http, IAntiforgery antiforgery, ApiKeys keys, CancellationToken ct)
    {
        if (!await ValidFormAsync(http, antiforgery)) return await Message(http, "csrf.title", "csrf.text", StatusCodes.Status400BadRequest);
        var t = DashboardLanguage.For(http.Request);
        var form = await http.Request.ReadFormAsync(ct);
        var info = form["key"].ToString().Trim() is { Length: > 0 } key ? await keys.ValidateAsync(key, ct) : null;
        if (info is null) return await Form(http, t["signin.bad"], StatusCodes.Status401Unauthorized);
        if (!DashboardAccess.MaySignIn(info.Role)) return await Form(http, t["signin.role"], StatusCodes.Status403Forbidden);
        var principal = LedgerClaims.Principal(Scheme, "key:" + info.Name, info.Organisation, info.Role, info.KeyId, info.PersonId);
        await http.SignInAsync(Scheme, principal, new AuthenticationProperties { IsPersistent = false, AllowRefresh = false });
        return Results.Redirect(LocalReturn(http.Request.Query["return"]));
    }

    public static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!await ValidFormAsync(http, antiforgery)) return await Message(http, "csrf.title", "csrf.text", StatusCodes.Status400BadRequest);
        await http.SignOutAsync(Scheme);
        return Results.Redirect("/sign-in");
    }

    /// <summary>Sets the remembered language (a year-long cookie) and goes back to the page the link was on.</summary>
    public static IResult Language(HttpContext http)
    {
        var code = http.Request.Query["set"].ToString() == "nl" ? "nl" : "en";
        http.Response.Cookies.Append(DashboardLanguage.CookieName, code, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true,
        });
        return Results.Redirect(LocalReturn(http.Request.Query["return"]));
    }

    private static async Task<bool> ValidFormAsync(HttpContext http, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    /// <summary>Only a path on this site ("/…", not "//host"): a sign-in link cannot send anyone elsewhere.</summary>
    public static string LocalReturn(string? path) =>
        path is { Length: > 0 } p && p[0] == '/' && (p.Length == 1 || (p[1] != '/' && p[1] != '\\')) ? p : "/";
}
