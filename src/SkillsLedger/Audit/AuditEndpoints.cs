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
    [WolverineGet("/api/audit/verify")]
    public static async Task<IResult> Verify(ClaimsPrincipal user, LedgerDatabase db, CancellationToken ct) =>
        Results.Json(await ChainVerifier.VerifyAsync(db.DataSource, user.Organisation(), null, ct), LedgerJson.Views);

    [Authorize(Policy = LedgerPolicies.ReadEvidence)]
    [WolverineGet("/api/audit/head")]
    public static async Task<IResult> Head(ClaimsPrincipal user, LedgerDatabase db, CancellationToken ct) =>
        Results.Json(await ChainVerifier.HeadAsync(db.DataSource, user.Organisation(), ct), LedgerJson.Views);
}
