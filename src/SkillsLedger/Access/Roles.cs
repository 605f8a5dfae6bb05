namespace SkillsLedger.Access;

/// <summary>
/// What each kind of key may do. ingest appends; analyst reads levels, gaps, growth, analytics, reports and exports;
/// auditor reads everything, including raw events, lineage and verification; lrs writes and reads xAPI statements and
/// documents at /xapi only (a learning tool's key); admin may do all of it.
/// </summary>
public static class Roles
{
    public const string Ingest = "ingest";
    public const string Analyst = "analyst";
    public const string Auditor = "auditor";
    public const string Lrs = "lrs";
    public const string Admin = "admin";

    public static readonly string[] All = [Ingest, Analyst, Auditor, Lrs, Admin];

    public static bool IsKnown(string role) => All.Contains(role);
}
