using System.Security.Claims;
using SkillsLedger.Access;
using SkillsLedger.Web;

namespace SkillsLedger.Dashboard;

/// <summary>Who may open which dashboard page: the same roles as the API (docs/security.md).</summary>
public static class DashboardAccess
{
    /// <summary>Organisation-wide pages (overview, skills map, retention, programmes, strategy): analysts and admins.</summary>
    public const string OrganisationPolicy = "dashboard-organisation";

    /// <summary>Keys for machines, not people: they cannot sign in.</summary>
    public static bool MaySignIn(string role) => role is not (Roles.Ingest or Roles.Lrs);

    public static bool SeesOrganisation(ClaimsPrincipal user) =>
        user.FindFirst(LedgerClaims.Role)?.Value is Roles.Admin or Roles.Analyst;
}
