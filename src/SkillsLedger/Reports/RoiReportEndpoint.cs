using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Roi;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Reports;

/// <summary>GET /api/reports/roi?program=&amp;asOf=&amp;lang= — the executive ROI report as one self-contained HTML page, in English or Dutch.</summary>
public static class RoiReportEndpoint
{
    private static readonly QueryParameter Program = new("program", "string", null, null,
        "One programme's report; left out: every programme", _ => null);

    private static readonly QueryParameter Language = QueryValues.Choice("lang", null, ["en", "nl"],
        "Language of the page: en (English) or nl (Dutch); left out: the first language of Accept-Language when it is Dutch, else English");

    public static readonly QuerySpec Query = new(QueryValues.AsOf, Program, Language);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [EndpointSummary("The executive ROI report as one self-contained HTML page")]
    [Produces("text/html")]
    [WolverineGet("/api/reports/roi")]
    public static async Task<IResult> Get(string? asOf, string? program, string? lang, HttpRequest request, ClaimsPrincipal user, LedgerDatabase db, RoiDataCache cache, TimeProvider clock,
        CancellationToken ct)
    {
        try
        {
            var report = await RoiReportBuilder.BuildAsync(db, user.Organisation(), QueryValues.AsOf.Read(asOf, clock.GetUtcNow()),
                string.IsNullOrEmpty(program) ? null : program, clock, ct, cache);
            var dutch = lang == "nl" || (string.IsNullOrEmpty(lang) &&
                request.Headers.AcceptLanguage.ToString().TrimStart().StartsWith("nl", StringComparison.OrdinalIgnoreCase));
            var page = dutch ? await RoiReportHtml.RenderAsync(RoiReportFiles.InDutch(report), ReportFormat.Dutch) : await RoiReportHtml.RenderAsync(report);
            return Results.Content(page, "text/html; charset=utf-8");
        }
        catch (UnknownProgrammeException ex)
        {
            return Problems.NotFound("program", ex.Message);
        }
    }
}
