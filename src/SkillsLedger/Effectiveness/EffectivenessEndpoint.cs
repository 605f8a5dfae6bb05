using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Effectiveness;

/// <summary>GET /api/analytics/effectiveness?by=course|program|modality|category&amp;windowDays=180&amp;asOf=&amp;minGroupSize= (<see cref="EffectivenessAnalysis"/>).</summary>
public static class EffectivenessEndpoint
{
    private static readonly QueryParameter By = QueryValues.Choice("by", "modality", EffectivenessAnalysis.Groupings,
        "Compare learning by course, programme, format (modality) or skill category");
    private static readonly QueryParameter WindowDays = QueryValues.WholeNumber("windowDays", 180, 30, 730,
        "Days after the completion over which the level change is measured");

    public static readonly QuerySpec Query = new(QueryValues.AsOf, QueryValues.MinGroupSize, By, WindowDays);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [EndpointSummary("Which learning works: level gain beyond comparable colleagues after each completion, by course, programme, format or skill category")]
    [ProducesResponseType<EffectivenessView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/analytics/effectiveness")]
    public static async Task<IResult> Get(string? asOf, string? minGroupSize, string? by, string? windowDays, ClaimsPrincipal user, LedgerDatabase db,
        FigureCache cache, TimeProvider clock, CancellationToken ct) =>
        Results.Json(await EffectivenessAnalysis.AnalyseAsync(cache, db, user.Organisation(), QueryValues.AsOf.Read(asOf, clock.GetUtcNow()), By.ReadChoice(by),
            WindowDays.Read(windowDays), QueryValues.MinGroupSize.Read(minGroupSize), ct), LedgerJson.Views);
}
