using Microsoft.AspNetCore.Authorization;

namespace SkillsLedger.Access;

/// <summary>
/// Who may call what, declared on each endpoint as <c>[Authorize(Policy = LedgerPolicies.…)]</c> (or
/// <c>[AllowAnonymous]</c>: health and the OpenAPI document only). Admin meets every policy. An endpoint without a
/// declaration falls to <see cref="AuthorizationOptions.FallbackPolicy"/>, admin only, so a new route fails closed;
/// a test fails for any route that declares nothing. A new role: add it to <see cref="Roles"/> and to the policies
/// it meets here; a new kind of route: a new policy here (docs/security.md).
/// </summary>
public static class LedgerPolicies
{
    /// <summary>Append events (ingest).</summary>
    public const string Append = "append";
    /// <summary>Levels, gaps, growth, retention, ROI, reports, exports, projection status (analyst, auditor).</summary>
    public const string ReadFigures = "read-figures";
    /// <summary>The raw log, a person's events, lineage, hash-chain verification and the access log (auditor).</summary>
    public const string ReadEvidence = "read-evidence";
    /// <summary>The xAPI Learning Record Store at /xapi: statements and documents (lrs).</summary>
    public const string Xapi = "xapi";
    /// <summary>Erasure (admin only).</summary>
    public const string Administer = "administer";

    public static void Configure(AuthorizationOptions o)
    {
        o.AddPolicy(Append, Roles(SkillsLedger.Access.Roles.Ingest));
        o.AddPolicy(ReadFigures, Roles(SkillsLedger.Access.Roles.Analyst, SkillsLedger.Access.Roles.Auditor));
        o.AddPolicy(ReadEvidence, Roles(SkillsLedger.Access.Roles.Auditor));
        o.AddPolicy(Xapi, Roles(SkillsLedger.Access.Roles.Lrs));
        o.AddPolicy(Administer, Roles());
        o.FallbackPolicy = Roles();
    }

    private static AuthorizationPolicy Roles(params string[] roles) =>
        new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireRole([.. roles, SkillsLedger.Access.Roles.Admin])
            .Build();
}
