namespace SkillsLedger.Domain.Events;

/// <summary>
/// Stream keys. Each person has one stream; each catalogue item has its own. The prefixes keep a person
/// called "csharp" apart from the skill "csharp".
/// </summary>
public static class StreamKeys
{
    public const string PersonPrefix = "person:";
    public static string Person(string personId) => PersonPrefix + personId;
    public static string Skill(string skill) => "skill:" + skill;
    public static string Role(string role) => "role:" + role;
    public static string Program(string programId) => "program:" + programId;
    public static string RoiAssumption(string name) => "roi-assumption:" + name;
    public static string Course(string courseId) => "course:" + courseId;
    public static string Goal(string goalId) => "goal:" + goalId;

    public static string For(ILedgerEvent e) => e switch
    {
        IPersonEvent p => Person(p.PersonId),
        ICatalogueEvent c => c.CatalogueStreamKey,
        _ => throw new ArgumentException($"No stream for {e.GetType().Name}")
    };

    public static string? PersonIdOf(string streamKey) =>
        streamKey.StartsWith(PersonPrefix, StringComparison.Ordinal) ? streamKey[PersonPrefix.Length..] : null;
}
