using Microsoft.Extensions.Options;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using static SkillsLedger.Dashboard.DashboardPage;

namespace SkillsLedger.Dashboard;

/// <summary>
/// What a dashboard page answers when its figures are still being computed after <see cref="LedgerServiceOptions.PageFigureWait"/>
/// (a date nobody asked for before, or the first minutes after start, at 100,000 people): at once, a short page saying
/// so and when it started, instead of a reader waiting minutes for a blank screen. The computation goes on, and under
/// `serve` the rest of that date's figures are computed after it (<see cref="FigureWarmer.Ask"/>), so the page opens
/// when asked again. Status 202 (accepted, not done). No script and no automatic reload (WCAG 2.2.1): a link.
/// </summary>
public static class FiguresBeingComputedPage
{
    /// <summary>1.5 s: a page has 2 s at 100,000 people, and its own rendering takes up to a few hundred ms.</summary>
    public static readonly TimeSpan ServedWait = TimeSpan.FromSeconds(1.5);

    public static readonly Text[] Texts =
    [
        ("computing.title", "Figures being computed", "Cijfers worden berekend"),
        ("computing.text", "The figures of this page for {0} are being computed from the ledger (started {1} ago). The page does not wait for them: open it again in a minute.",
            "De cijfers van deze pagina voor {0} worden uit het grootboek berekend (begonnen {1} geleden). De pagina wacht er niet op: open haar over een minuut opnieuw."),
        ("computing.last", "The last computation of this figure took {0}.", "De vorige berekening van dit cijfer duurde {0}."),
        ("computing.again", "Open the page again", "Open de pagina opnieuw"),
        ("seconds", "{0} s", "{0} s"),
    ];

    /// <summary>The endpoint filter of every dashboard page: sets the request's wait limit, answers this page past it.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.RequestServices.GetRequiredService<IOptions<LedgerServiceOptions>>().Value.PageFigureWait is not { } wait) return await next(context);
        FigureWait.Limit(http, wait);
        try { return await next(context); }
        catch (FiguresBeingComputed busy)
        {
            var clock = http.RequestServices.GetRequiredService<TimeProvider>();
            var asOf = DashboardDates.AsOf(http.Request, clock);
            http.RequestServices.GetService<FigureWarmer>()?.Ask(http.User.Organisation(), asOf);
            return await Answer(http, asOf, clock.GetUtcNow() - busy.StartedAt, busy.LastTook);
        }
    }

    private static Task<IResult> Answer(HttpContext http, DateTimeOffset asOf, TimeSpan running, TimeSpan? lastTook)
    {
        var t = DashboardLanguage.For(http.Request);
        return Page<ComputingView>(http, t, t["computing.title"], "", new Dictionary<string, object?>
        {
            [nameof(ComputingView.T)] = t,
            [nameof(ComputingView.AsOf)] = asOf,
            [nameof(ComputingView.Running)] = running,
            [nameof(ComputingView.LastTook)] = lastTook,
            [nameof(ComputingView.Again)] = (string)(http.Request.Path + http.Request.QueryString),
        }, status: StatusCodes.Status202Accepted);
    }
}
