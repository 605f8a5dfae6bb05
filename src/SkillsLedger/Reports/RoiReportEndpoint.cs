using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Roi;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Reports;

/// <summary>GET /api/reports/roi?program=&amp;asOf= — the executive ROI report as one self-contained HTML page.</summary>
public static class RoiReportEndpoint
{
    private static readonly QueryParameter Program = new("program", "string", null, null,
        "One programme's report; left out: every programme", _ => null);

    public static readonly QuerySpec Query = new(QueryValues.AsOf, Program);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [EndpointSummary("The executive ROI report as one self-contained HTML page")]
    [Produces("text/html")]
    [WolverineGet("/api/reports/roi")]
    public static async Task<IResult> Get(string? asOf, string? program, ClaimsPrincipal user, LedgerDatabase db, RoiDataCache cache, TimeProvider clock,
        CancellationToken ct)
    {
        try
        {
            var report = await RoiReportBuilder.BuildAsync(db, user.Organisation(), QueryValues.AsOf.Read(asOf, clock.GetUtcNow()),
                string.IsNullOrEmpty(program) ? null : program, clock, ct, cache);
            return Results.Content(RoiReportHtml.Render(report), "text/html; charset=utf-8");
        }
        catch (UnknownProgrammeException ex)
        {
            return Problems.NotFound("program", ex.Message);
        }
    }
}
