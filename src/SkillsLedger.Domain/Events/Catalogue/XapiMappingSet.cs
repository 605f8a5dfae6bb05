using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace SkillsLedger.Domain.Events;

/// <summary>An xAPI agent known as a person: by account (homePage + name) or by e-mail, kept only as its SHA-1 (mbox_sha1sum).</summary>
public sealed record XapiActor(string PersonId, string? AccountHomePage, string? AccountName, string? MboxSha1sum);

/// <summary>An activity IRI (or cmi5 publisher id) that stands for a course of the catalogue.</summary>
public sealed record XapiCourse(string Activity, string CourseId, string? ProgramId, decimal Hours);

/// <summary>An activity, competency or credential IRI that is evidence of a skill, with the levels it stands for.</summary>
public sealed record XapiSkillLink(string Iri, string Skill, decimal? DefaultLevel, decimal? PassLevel, decimal? MasteryLevel);

/// <summary>
/// How this organisation's xAPI statements become ledger events (docs/xapi.md, "Statements → ledger events"). Each
/// event replaces the whole mapping, so the stream is the mapping's history: an auditor sees which rules were in force
/// when a statement was turned into an event. E-mail addresses are never stored: <c>mbox</c> given to the reader is
/// kept as the SHA-1 of its lowercased mailto IRI (what xAPI calls mbox_sha1sum).
/// </summary>
/// <param name="Activities">Activity IRIs → skills (the assessment's skill, levels for passed/mastered without a score).</param>
/// <param name="Competencies">Competency IRIs (TLA asserted) → skill.</param>
/// <param name="Credentials">Credential IRIs (certified/conferred) → skill and level.</param>
/// <param name="DisabledVerbs">Verb IRIs whose default rule is switched off (statements are stored only).</param>
/// <param name="TrustedKeys">API key ids whose statements may produce the manager and certification methods.</param>
public sealed record XapiMappingSet(
    IReadOnlyList<XapiActor> Actors, IReadOnlyList<XapiCourse> Courses, IReadOnlyList<XapiSkillLink> Activities,
    IReadOnlyList<XapiSkillLink> Competencies, IReadOnlyList<XapiSkillLink> Credentials,
    IReadOnlyList<string> DisabledVerbs, IReadOnlyList<string> TrustedKeys,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : ICatalogueEvent, IReadableEvent<XapiMappingSet>
{
    public const string StreamKey = "xapi-mapping";

    [JsonIgnore] public string CatalogueStreamKey => StreamKey;
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    public static XapiMappingSet Read(Validation.EventFields f) => new(
        Optional(f, "actors", "{personId, account?: {homePage, name}, mbox?, mboxSha1sum?}", (r, path) =>
        {
            var account = f.OptionalObject(r, path, "account", a => new[] { a.RequiredString("homePage", 500), a.RequiredString("name", 500) });
            var mbox = r.OptionalString("mbox", 300);
            if (mbox is not null && !mbox.StartsWith("mailto:", StringComparison.Ordinal)) r.Fail("mbox", "must be a mailto: IRI");
            var sha1 = r.OptionalString("mboxSha1sum", 40)?.ToLowerInvariant();
            if (sha1 is not null && (sha1.Length != 40 || !sha1.All(Uri.IsHexDigit))) r.Fail("mboxSha1sum", "must be 40 hexadecimal digits");
            if (account is null && mbox is null && sha1 is null) r.Fail("account", "an actor needs account, mbox or mboxSha1sum");
            if (mbox is not null && sha1 is not null) r.Fail("mbox", "give mbox or mboxSha1sum, not both");
            return new XapiActor(r.RequiredString("personId", Validation.EventReader.MaxIdLength), account?[0], account?[1], sha1 ?? (mbox is null ? null : MboxSha1(mbox)));
        }),
        Optional(f, "courses", "{activity, courseId, programId?, hours}", (r, _) => new XapiCourse(
            r.RequiredString("activity", 500), r.RequiredString("courseId", Validation.EventReader.MaxIdLength),
            r.OptionalString("programId", Validation.EventReader.MaxIdLength), r.RequiredDecimal("hours"))),
        Optional(f, "activities", "{activity, skill, defaultLevel?, passLevel?, masteryLevel?}", (r, _) => new XapiSkillLink(
            r.RequiredString("activity", 500), r.RequiredString("skill", Validation.EventReader.MaxIdLength),
            r.OptionalDecimal("defaultLevel"), r.OptionalDecimal("passLevel"), r.OptionalDecimal("masteryLevel"))),
        Optional(f, "competencies", "{competency, skill, defaultLevel?}", (r, _) => new XapiSkillLink(
            r.RequiredString("competency", 500), r.RequiredString("skill", Validation.EventReader.MaxIdLength), r.OptionalDecimal("defaultLevel"), null, null)),
        Optional(f, "credentials", "{credential, skill, level}", (r, _) => new XapiSkillLink(
            r.RequiredString("credential", 500), r.RequiredString("skill", Validation.EventReader.MaxIdLength), r.RequiredDecimal("level"), null, null)),
        f.OptionalStringList("disabledVerbs", 100, 500) ?? [], f.OptionalStringList("trustedKeys", 100) ?? [],
        f.OccurredAt, f.EventId, f.Source);

    private static List<T> Optional<T>(Validation.EventFields f, string name, string shape, Func<Validation.JsonFields, string, T> read) =>
        f.Fields.Has(name) ? f.RequiredObjects(name, shape, read) : [];

    /// <summary>xAPI's mbox_sha1sum of an e-mail IRI, lowercased first so the match is case-insensitive.</summary>
    public static string MboxSha1(string mailto) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(mailto.ToLowerInvariant())));

    public IEnumerable<(string Field, string Message)> Violations()
    {
        foreach (var c in Courses.Where(c => c.Hours is < 0 or > 10_000)) yield return ("courses", $"hours of '{c.Activity}' must be between 0 and 10000");
        foreach (var dup in Actors.GroupBy(a => (a.AccountHomePage, a.AccountName, a.MboxSha1sum)).Where(g => g.Count() > 1))
            yield return ("actors", $"the same agent is mapped {dup.Count()} times");
        foreach (var dup in Courses.Select(c => c.Activity).Concat(Activities.Select(a => a.Iri)).GroupBy(i => i).Where(g => g.Count() > 1))
            yield return ("activities", $"'{dup.Key}' is mapped more than once");
    }

    public IEnumerable<string> SkillsReferenced() =>
        Activities.Concat(Competencies).Concat(Credentials).Select(s => s.Skill).Distinct();
}
