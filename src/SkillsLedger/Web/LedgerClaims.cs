using System.Security.Claims;

namespace SkillsLedger.Web;

/// <summary>
/// What a signed-in caller carries, whatever proved it (API key by Bearer or Basic, or a dashboard cookie):
/// name (recorded with every event it writes), organisation (scopes every read and write), role (which policies it
/// meets), key id, and for a person's own sign-in the person it is bound to.
/// </summary>
public static class LedgerClaims
{
    public const string Organisation = "org";
    public const string Role = ClaimTypes.Role;
    public const string KeyId = "key_id";
    /// <summary>The one person an `employee` sign-in may see (none for the other roles).</summary>
    public const string PersonId = "person_id";

    public static ClaimsPrincipal Principal(string authenticationType, string name, string organisation, string role, string? keyId = null, string? personId = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(Organisation, organisation), new(Role, role) };
        if (keyId is not null) claims.Add(new Claim(KeyId, keyId));
        if (personId is not null) claims.Add(new Claim(PersonId, personId));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }
}
