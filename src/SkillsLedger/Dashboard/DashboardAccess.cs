using System.Security.Claims;
using SkillsLedger.Access;
using SkillsLedger.Web;

namespace SkillsLedger.Dashboard;

/// <summary>Who may open which dashboard page: the same roles as the API (docs/security.md).</summary>
public static class DashboardAccess
{
    /// <summary>Organisation-wide pages (overview, skills map, teams, retention, programmes, strategy): analysts and admins.</summary>
    public const string OrganisationPolicy = "dashboard-organisation";

    /// <summary>The audit page (chain, access log, erasures): auditors and admins.</summary>
    public const string AuditPolicy = "dashboard-audit";

    /// <summary>Any signed-in person; the page itself decides (person pages: <see cref="MayReadPerson"/>).</summary>
    public const string SignedInPolicy = "dashboard-signed-in";

    /// <summary>The role of a key bound to one person, who may see only their own pages.</summary>
    public const string EmployeeRole = Roles.Employee;

    /// <summary>Keys for machines, not people: they cannot sign in.</summary>
    public static bool MaySignIn(string role) => role is not (Roles.Ingest or Roles.Lrs);

    public static bool SeesOrganisation(ClaimsPrincipal user) => RoleOf(user) is Roles.Admin or Roles.Analyst;

    public static bool SeesAudit(ClaimsPrincipal user) => RoleOf(user) is Roles.Admin or Roles.Auditor;

    /// <summary>The person an employee sign-in is bound to (null for every other role).</summary>
    public static string? OwnPerson(ClaimsPrincipal user) => RoleOf(user) == EmployeeRole ? user.FindFirst(LedgerClaims.PersonId)?.Value : null;

    /// <summary>A person's page: admins, analysts and auditors see anyone's; an employee only their own.</summary>
    public static bool MayReadPerson(ClaimsPrincipal user, string personId) =>
        RoleOf(user) is Roles.Admin or Roles.Analyst or Roles.Auditor || (OwnPerson(user) is { } own && own == personId);

    /// <summary>The events behind a level (the API's read-evidence rule): auditors and admins, and the person themself.</summary>
    public static bool MayReadLineage(ClaimsPrincipal user, string personId) =>
        SeesAudit(user) || (OwnPerson(user) is { } own && own == personId);

    /// <summary>Where "/" sends a role that may not see the organisation: auditors to the audit page, employees to their own page.</summary>
    public static string Home(ClaimsPrincipal user) =>
        OwnPerson(user) is { } own ? "/people/" + Uri.EscapeDataString(own) : SeesAudit(user) ? "/audit" : "/forbidden";

    private static string? RoleOf(ClaimsPrincipal user) => user.FindFirst(LedgerClaims.Role)?.Value;
}
