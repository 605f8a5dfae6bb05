using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Retention;
using SkillsLedger.Roi;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Reports;

/// <summary>GET /api/reports/roi?program=&amp;asOf= — the executive ROI report as one self-contained HTML page.</summary>
public static class RoiReportEndpoint
{
    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [WolverineGet("/api/reports/roi")]
    public static async Task<IResult> Get(HttpContext http, LedgerDatabase db, TimeProvider clock, CancellationToken ct)
    {
        var (asOf, problem) = QueryValues.Instant(http.Request, "asOf");
        if (problem is not null) return problem;
        var program = http.Request.Query["program"].ToString() is { Length: > 0 } p ? p : null;
        try
        {
            var report = await RoiReportBuilder.BuildAsync(db, RequestContext.Organisation(http), asOf ?? clock.GetUtcNow(), program, clock, ct,
                http.RequestServices.GetService<RoiDataCache>());
            return Results.Content(RoiReportHtml.Render(report), "text/html; charset=utf-8");
        }
        catch (UnknownProgrammeException ex)
        {
            return Problems.NotFound("program", ex.Message);
        }
    }
}
