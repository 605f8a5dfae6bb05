using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;

namespace SkillsLedger.Dashboard;

/// <summary>
/// The dashboard's routes, outside /api: plain ASP.NET Core endpoints (not Wolverine's) rendering HTML on the server.
/// No script, no external file: the one stylesheet is served here, so it works on an offline network.
/// </summary>
public static class DashboardEndpoints
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddAuthentication().AddDashboardCookie();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "sl-csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__csrf";
        });
        services.AddAuthorization(o => o.AddPolicy(DashboardAccess.OrganisationPolicy, p => p
            .AddAuthenticationSchemes(DashboardSignIn.Scheme)
            .RequireAuthenticatedUser()
            .RequireRole(Roles.Analyst, Roles.Admin)));
        return services;
    }

    public static void MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard.css", () => Results.Text(DashboardPage.Css, "text/css; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        // Browsers ask for it on every page; none is drawn, and "no content" is not an error in their console.
        app.MapGet("/favicon.ico", () => Results.NoContent()).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/sign-in", (HttpContext http) => DashboardSignIn.Form(http)).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/sign-in", DashboardSignIn.SubmitAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/sign-out", DashboardSignIn.SignOutAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/language", DashboardSignIn.Language).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/forbidden", (HttpContext http) => DashboardPage.Message(http, "forbidden.title", "forbidden.text", StatusCodes.Status403Forbidden))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/", OverviewPage.GetAsync).RequireAuthorization(DashboardAccess.OrganisationPolicy).ExcludeFromDescription();
    }
}
