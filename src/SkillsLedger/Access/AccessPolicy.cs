namespace SkillsLedger.Access;

/// <summary>
/// Which roles may call which route (method + route template). Admin may call everything. A route not listed is
/// admin-only: new endpoints fail closed until someone decides who may use them.
/// </summary>
public static class AccessPolicy
{
    private static readonly string[] Readers = [Roles.Analyst, Roles.Auditor];
    private static readonly string[] AuditorsOnly = [Roles.Auditor];
    private static readonly string[] Writers = [Roles.Ingest];

    private static readonly (string Method, string Template, string[] Roles)[] Rules =
    [
        ("POST", "/api/events", Writers),
        ("POST", "/api/people/{personId}/events", Writers),
        ("GET", "/api/events", AuditorsOnly),
        ("GET", "/api/people/{personId}/events", AuditorsOnly),
        ("GET", "/api/people/{personId}/skills", Readers),
        ("GET", "/api/people/{personId}/skills/{skill}", Readers),
        ("GET", "/api/people/{personId}/skills/{skill}/lineage", AuditorsOnly),
        ("GET", "/api/people/{personId}/gaps", Readers),
        ("GET", "/api/teams/{team}/gaps", Readers),
        ("GET", "/api/analytics/*", Readers),
        ("GET", "/api/reports/*", Readers),
        ("GET", "/api/export/{table}", Readers),
        ("GET", "/api/projections/status", Readers),
        ("GET", "/api/audit/*", AuditorsOnly),
    ];

    public static bool Allows(string role, string method, string? template)
    {
        if (role == Roles.Admin) return true;
        if (template is null) return false;
        foreach (var (m, t, roles) in Rules)
        {
            if (!string.Equals(m, method, StringComparison.OrdinalIgnoreCase)) continue;
            var matches = t.EndsWith("/*", StringComparison.Ordinal)
                ? template.StartsWith(t[..^1], StringComparison.Ordinal)
                : string.Equals(t, template, StringComparison.Ordinal);
            if (matches) return roles.Contains(role);
        }
        return false;
    }
}
