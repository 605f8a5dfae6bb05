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
    /// <summary>
    /// One person's levels, gaps, role fit, routes and learning path: analyst and auditor for anyone, an employee key
    /// only for the person it is bound to (the route's personId equals its <see cref="Web.LedgerClaims.PersonId"/> claim).
    /// </summary>
    public const string ReadPersonFigures = "read-person-figures";
    /// <summary>One person's lineage: auditor for anyone, an employee key only for its own person.</summary>
    public const string ReadPersonEvidence = "read-person-evidence";
    /// <summary>Internal mobility: people ranked for a role (analyst; issue 16 says analyst/admin only, so not the auditor).</summary>
    public const string ReadCandidates = "read-candidates";
    /// <summary>The evaluation of learning paths and career routes against history (analyst; issue 16 says analyst/admin only).</summary>
    public const string ReadEvaluation = "read-evaluation";
    /// <summary>Erasure (admin only).</summary>
    public const string Administer = "administer";

    public static void Configure(AuthorizationOptions o)
    {
        o.AddPolicy(Append, Roles(SkillsLedger.Access.Roles.Ingest));
        o.AddPolicy(ReadFigures, Roles(SkillsLedger.Access.Roles.Analyst, SkillsLedger.Access.Roles.Auditor));
        o.AddPolicy(ReadEvidence, Roles(SkillsLedger.Access.Roles.Auditor));
        o.AddPolicy(Xapi, Roles(SkillsLedger.Access.Roles.Lrs));
        o.AddPolicy(Administer, Roles());
        o.AddPolicy(ReadPersonFigures, PersonRead(SkillsLedger.Access.Roles.Analyst, SkillsLedger.Access.Roles.Auditor));
        o.AddPolicy(ReadPersonEvidence, PersonRead(SkillsLedger.Access.Roles.Auditor));
        o.AddPolicy(ReadCandidates, Roles(SkillsLedger.Access.Roles.Analyst));
        o.AddPolicy(ReadEvaluation, Roles(SkillsLedger.Access.Roles.Analyst));
        o.FallbackPolicy = Roles();
    }

    private static AuthorizationPolicy Roles(params string[] roles) =>
        new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireRole([.. roles, SkillsLedger.Access.Roles.Admin])
            .Build();

    /// <summary>
    /// The roles given (and admin) for any person; an employee only for its own. Authorization of a routed endpoint
    /// gets the HttpContext as its resource, so the route value is known here, before the endpoint runs: a refusal is
    /// the same 403 problem as any other and never reaches the data or the access log.
    /// </summary>
    private static AuthorizationPolicy PersonRead(params string[] roles) =>
        new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireAssertion(ctx => ctx.User.IsInRole(SkillsLedger.Access.Roles.Admin) || roles.Any(ctx.User.IsInRole)
                                     || ctx.User.IsInRole(SkillsLedger.Access.Roles.Employee) && IsOwnPerson(ctx))
            .Build();

    /// <summary>The route's personId is the one the employee key is bound to (ordinal: person ids are case-sensitive).</summary>
    public static bool IsOwnPerson(AuthorizationHandlerContext ctx) =>
        ctx.Resource is HttpContext http
        && ctx.User.FindFirst(Web.LedgerClaims.PersonId)?.Value is { Length: > 0 } own
        && http.GetRouteValue("personId") is string asked
        && string.Equals(own, asked, StringComparison.Ordinal);
}
