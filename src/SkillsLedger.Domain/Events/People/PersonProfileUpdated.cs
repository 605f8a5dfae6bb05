namespace SkillsLedger.Domain.Events;

/// <summary>
/// A person's personal profile changed (contract v1.1): name, e-mail or year of birth; fields left out are unchanged.
/// All three are personal data, encrypted with the person's key and erased with it. Year of birth is used only for
/// generation cohorts (Baby boomers ≤ 1964, Gen X 1965–1980, Millennials 1981–1996, Gen Z ≥ 1997).
/// </summary>
/// <param name="BirthYear">The year as text ("1988"), or its ciphertext once stored (encrypted like the other personal fields).</param>
public sealed record PersonProfileUpdated(
    string PersonId, string? DisplayName, string? Email, [property: System.Text.Json.Serialization.JsonConverter(typeof(YearAsNumber))] string? BirthYear,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : IPersonEvent, IReadableEvent<PersonProfileUpdated>
{
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    public static PersonProfileUpdated Read(Validation.EventFields f) => new(
        f.PersonId(), f.OptionalString("displayName"), f.OptionalEmail("email"), f.OptionalBirthYear("birthYear"), f.OccurredAt, f.EventId, f.Source);

    public IEnumerable<(string Field, string Message)> Violations()
    {
        if (DisplayName is null && Email is null && BirthYear is null)
            yield return ("displayName", "an update must change at least one of displayName, email, birthYear");
    }

    public bool HasPersonalData() => DisplayName is not null || Email is not null || BirthYear is not null;

    public IPersonEvent MapPersonalData(Func<string?, string?> protect) =>
        this with { DisplayName = protect(DisplayName), Email = protect(Email), BirthYear = protect(BirthYear) };
}
