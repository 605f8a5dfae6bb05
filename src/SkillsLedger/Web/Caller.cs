using System.Security.Claims;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Web;

/// <summary>Who is calling, from the signed-in principal (every endpoint but health requires one).</summary>
public static class Caller
{
    /// <summary>The caller's organisation (the org claim): it scopes every read and write.</summary>
    public static string Organisation(this ClaimsPrincipal user) =>
        user.FindFirst(LedgerClaims.Organisation)?.Value ?? LedgerStoreConfiguration.DefaultOrganisation;
}
