using SkillsLedger.Domain.Events;

namespace SkillsLedger.Domain.Validation;

/// <summary>
/// What an event type's reader gets: the strict field reader for its JSON object, and the fields every event has
/// (eventId, occurredAt, source), already read.
/// </summary>
public sealed class EventFields
{
    internal EventFields(JsonFields fields, int? index, List<FieldError> errors, string? eventId, DateTimeOffset occurredAt, string? source)
    {
        Fields = fields;
        Index = index;
        Errors = errors;
        EventId = eventId;
        OccurredAt = occurredAt;
        Source = source;
    }

    internal JsonFields Fields { get; }
    internal int? Index { get; }
    internal List<FieldError> Errors { get; }
    public string? EventId { get; }
    public DateTimeOffset OccurredAt { get; }
    public string? Source { get; }

    public string RequiredString(string name, int maxLength = 200) => Fields.RequiredString(name, maxLength);
    public string? OptionalString(string name, int maxLength = 200) => Fields.OptionalString(name, maxLength);
    public decimal RequiredDecimal(string name) => Fields.RequiredDecimal(name);
    public decimal? OptionalDecimal(string name) => Fields.OptionalDecimal(name);
    public int? OptionalInt(string name) => Fields.OptionalInt(name);
    public T RequiredEnum<T>(string name) where T : struct, Enum => Fields.RequiredEnum<T>(name);
    public IReadOnlyList<string>? OptionalStringList(string name, int maxItems = 100, int maxLength = 200) => Fields.OptionalStringList(name, maxItems, maxLength);
    public void Fail(string name, string message) => Fields.Fail(name, message);

    /// <summary>The person the event is about: its personId, or the person named by the URL when it leaves that out.</summary>
    public string PersonId() => Fields.DefaultPersonId is { } route && !Fields.Has("personId")
        ? route
        : Fields.RequiredString("personId", EventReader.MaxPersonIdLength);

    /// <summary>An identifier field (skills, roles, courses, programmes…): at most <see cref="EventReader.MaxIdLength"/> characters.</summary>
    /// <summary>The xAPI statement an event was derived from (skill_assessed, course_completed, assessment_retracted).</summary>
    public string? SourceStatementId()
    {
        var id = Fields.OptionalString("sourceStatementId", 36);
        if (id is not null && !Guid.TryParse(id, out _)) Fields.Fail("sourceStatementId", "must be a UUID (an xAPI statement id)");
        return id;
    }

    public string RequiredId(string name) => Fields.RequiredString(name, EventReader.MaxIdLength);
    public string? OptionalId(string name) => Fields.OptionalString(name, EventReader.MaxIdLength);

    /// <summary>Year of birth (contract v1.1): a whole number 1930–2015, kept as text so it can be encrypted like the other personal fields.</summary>
    public string? OptionalBirthYear(string name)
    {
        if (Fields.OptionalInt(name) is not { } year) return null;
        if (year is < 1930 or > 2015) { Fields.Fail(name, "must be a year between 1930 and 2015"); return null; }
        return year.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A required array of objects, each read strictly by <paramref name="read"/> (its unknown fields rejected): entries
    /// that are not objects, or have bad fields, are reported at their own path and left out.
    /// </summary>
    /// <param name="shape">How an entry looks, for the message, e.g. "{skill, level}".</param>
    internal List<T> RequiredObjects<T>(string name, string shape, Func<JsonFields, string, T> read)
    {
        var list = new List<T>();
        foreach (var (item, path) in Fields.RequiredArray(name))
        {
            if (item.ValueKind != System.Text.Json.JsonValueKind.Object) { Fields.Fail(path[(path.LastIndexOf('.') + 1)..], $"must be an object {shape}"); continue; }
            var r = new JsonFields(item, Index, path, Errors);
            var entry = read(r, path);
            r.RejectUnknown();
            if (r.Ok) list.Add(entry); else Fields.Fail(name, "has invalid entries (see above)");
        }
        return list;
    }

    /// <summary>An optional object inside an entry, read strictly by <paramref name="read"/>; null when absent or bad.</summary>
    internal T? OptionalObject<T>(JsonFields entry, string path, string name, Func<JsonFields, T> read) where T : class
    {
        if (entry.OptionalObject(name) is not { } element) return null;
        var inner = new JsonFields(element, Index, path + "." + name, Errors);
        var value = read(inner);
        inner.RejectUnknown();
        if (inner.Ok) return value;
        entry.Fail(name, "is not valid (see above)");
        return null;
    }

    /// <summary>An optional e-mail address: roughly name@domain, no white space.</summary>
    public string? OptionalEmail(string name)
    {
        var email = Fields.OptionalString(name, 254);
        if (email is not null && (email.IndexOf('@') is var at && (at < 1 || at == email.Length - 1) || email.Any(char.IsWhiteSpace)))
        {
            Fields.Fail(name, "must look like an e-mail address (name@domain)");
            return null;
        }
        return email;
    }
}
