namespace SkillsLedger.Domain.Events;

/// <summary>A person joins: department, role and team, monthly salary (for ROI), and optional name and e-mail.</summary>
/// <remarks>DisplayName, Email and BirthYear (contract v1.1; the year as text, see <see cref="PersonProfileUpdated"/>) are
/// personal data: stored encrypted with the person's key, erasable.</remarks>
public sealed record PersonHired(
    string PersonId, string Department, string Role, string? Team, decimal? MonthlySalary,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null, string? DisplayName = null, string? Email = null,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(YearAsNumber))] string? BirthYear = null)
    : IPersonEvent, IReadableEvent<PersonHired>
{
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    public static PersonHired Read(Validation.EventFields f) => new(
        f.PersonId(), f.RequiredString("department"), f.RequiredId("role"), f.OptionalString("team"),
        f.OptionalDecimal("monthlySalary"), f.OccurredAt, f.EventId, f.Source, f.OptionalString("displayName"), f.OptionalEmail("email"),
        f.OptionalBirthYear("birthYear"));

    public IEnumerable<(string Field, string Message)> Violations()
    {
        if (MonthlySalary < 0) yield return ("monthlySalary", "must be ≥ 0");
    }

    public bool HasPersonalData() => DisplayName is not null || Email is not null || BirthYear is not null;

    public IPersonEvent MapPersonalData(Func<string?, string?> protect) =>
        this with { DisplayName = protect(DisplayName), Email = protect(Email), BirthYear = protect(BirthYear) };
}
