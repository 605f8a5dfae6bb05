using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Careers.Evaluation;

/// <summary>GET /api/evaluation/paths?asOf=&amp;horizonMonths=&amp;seed=&amp;minGroupSize= — the same evaluation as `skillsledger evaluate paths`.</summary>
public static class PathsEvaluationEndpoint
{
    private static readonly QueryParameter HorizonMonths = QueryValues.WholeNumber("horizonMonths", 12, 1, 120, "Months after asOf in which outcomes are counted");
    private static readonly QueryParameter AsOf = QueryValues.Instant("asOf", "T: when the suggestions are built (with what the ledger knew then)",
        "horizonMonths before the moment of the request (left out, the latest T whose horizon has passed)");
    private static readonly QueryParameter Seed = QueryValues.WholeNumber("seed", PathsEvaluationQuery.DefaultSeed, 0, int.MaxValue, "Seed of the random-course baseline");

    public static readonly QuerySpec Query = new(AsOf, HorizonMonths, Seed, QueryValues.MinGroupSize);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadEvaluation)]
    [EndpointSummary("Learning paths and career routes built at asOf, against what people did in the following months: gain per hour of suggested vs other courses and two baselines, hit rate of routes vs the most frequent move (analyst, admin)")]
    [ProducesResponseType<PathsEvaluationView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/evaluation/paths")]
    public static async Task<IResult> Get(string? asOf, string? horizonMonths, string? seed, string? minGroupSize, ClaimsPrincipal user, LedgerDatabase db,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var months = HorizonMonths.Read(horizonMonths);
        var view = await PathsEvaluationQuery.RunAsync(db, user.Organisation(), AsOf.Read(asOf, now.AddMonths(-months)), months, Seed.Read(seed),
            QueryValues.MinGroupSize.Read(minGroupSize), now, ct);
        return Results.Json(view, LedgerJson.Views);
    }
}
