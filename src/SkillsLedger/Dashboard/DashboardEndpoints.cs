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
        services.AddAuthorization(o =>
        {
            o.AddPolicy(DashboardAccess.OrganisationPolicy, p => p
            .AddAuthenticationSchemes(DashboardSignIn.Scheme)
            .RequireAuthenticatedUser()
            .RequireRole(Roles.Analyst, Roles.Admin));
            o.AddPolicy(DashboardAccess.AuditPolicy, p => p
                .AddAuthenticationSchemes(DashboardSignIn.Scheme)
                .RequireAuthenticatedUser()
                .RequireRole(Roles.Auditor, Roles.Admin));
            o.AddPolicy(DashboardAccess.SignedInPolicy, p => p
                .AddAuthenticationSchemes(DashboardSignIn.Scheme)
                .RequireAuthenticatedUser());
        });
        return services;
    }

    /// <summary>A page: not in the API's description, and answering "being computed" rather than waiting long for figures.</summary>
    private static RouteHandlerBuilder Page(this RouteHandlerBuilder page) =>
        page.ExcludeFromDescription().AddEndpointFilter(FiguresBeingComputedPage.Filter);

    public static void MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard.css", () => Results.Text(DashboardPage.Css, "text/css; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        // Browsers ask for it on every page; none is drawn, and "no content" is not an error in their console.
        app.MapGet("/favicon.ico", () => Results.NoContent()).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/sign-in", Task<IResult> (HttpContext http) => DashboardSignIn.Form(http)).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/sign-in", DashboardSignIn.SubmitAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/sign-out", DashboardSignIn.SignOutAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/language", DashboardSignIn.Language).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/forbidden", Task<IResult> (HttpContext http) => DashboardPage.Message(http, "forbidden.title", "forbidden.text", StatusCodes.Status403Forbidden))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/", OverviewPage.GetAsync).RequireAuthorization(DashboardAccess.SignedInPolicy).Page();
        app.MapGet("/skills-map", SkillsMapPage.GetAsync).RequireAuthorization(DashboardAccess.OrganisationPolicy).Page();
        app.MapGet(TeamPage.Route, TeamPage.GetAsync).RequireAuthorization(DashboardAccess.OrganisationPolicy).Page();
        app.MapGet("/retention", RetentionPage.GetAsync).RequireAuthorization(DashboardAccess.OrganisationPolicy).Page();
        app.MapGet("/programmes", ProgrammesPage.GetAsync).RequireAuthorization(DashboardAccess.OrganisationPolicy).Page();
        app.MapGet("/strategy", StrategyPage.GetAsync).RequireAuthorization(DashboardAccess.OrganisationPolicy).Page();
        app.MapGet("/audit", AuditPage.GetAsync).RequireAuthorization(DashboardAccess.AuditPolicy).Page();
        // Person pages decide themselves (an employee may open only their own), so any signed-in role reaches them.
        app.MapGet(PersonPage.Route, PersonPage.GetAsync).RequireAuthorization(DashboardAccess.SignedInPolicy).Page();
        app.MapGet(LineagePage.Route, LineagePage.GetAsync).RequireAuthorization(DashboardAccess.SignedInPolicy).Page();
    }
}
