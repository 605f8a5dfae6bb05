namespace SkillsLedger.Access;

/// <summary>
/// What each kind of key may do. ingest appends; analyst reads levels, gaps, growth, analytics, reports and exports;
/// auditor reads everything, including raw events, lineage and verification; lrs writes and reads xAPI statements and
/// documents at /xapi only (a learning tool's key); employee reads one person's own levels, lineage, gaps, fit, routes and
/// learning path (the key is bound to that person, <see cref="LedgerPolicies.ReadPersonFigures"/>); admin may do all of it.
/// </summary>
public static class Roles
{
    public const string Ingest = "ingest";
    public const string Analyst = "analyst";
    public const string Auditor = "auditor";
    public const string Lrs = "lrs";
    public const string Admin = "admin";
    public const string Employee = "employee";

    public static readonly string[] All = [Ingest, Analyst, Auditor, Lrs, Admin, Employee];

    public static bool IsKnown(string role) => All.Contains(role);

    /// <summary>Roles whose key is bound to one person (the <c>person_id</c> claim): a person id is required for these and refused for the rest.</summary>
    public static bool IsPersonBound(string role) => role == Employee;
}
