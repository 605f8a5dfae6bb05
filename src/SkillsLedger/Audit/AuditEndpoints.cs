using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Audit;

/// <summary>GET /api/audit/verify and /api/audit/head — tamper evidence for auditors.</summary>
public static class AuditEndpoints
{
    [Authorize(Policy = LedgerPolicies.ReadEvidence)]
    [EndpointSummary("Re-walks the organisation's hash chain: whether any stored event was changed, removed or reordered")]
    [ProducesResponseType<VerificationResult>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/audit/verify")]
    public static async Task<IResult> Verify(ClaimsPrincipal user, LedgerDatabase db, CancellationToken ct) =>
        Results.Json(await ChainVerifier.VerifyAsync(db.DataSource, user.Organisation(), null, ct), LedgerJson.Views);

    [Authorize(Policy = LedgerPolicies.ReadEvidence)]
    [EndpointSummary("The organisation's chain head: number of events, last sequence and head hash, to record elsewhere")]
    [ProducesResponseType<ChainHead>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/audit/head")]
    public static async Task<IResult> Head(ClaimsPrincipal user, LedgerDatabase db, CancellationToken ct) =>
        Results.Json(await ChainVerifier.HeadAsync(db.DataSource, user.Organisation(), ct), LedgerJson.Views);
}
