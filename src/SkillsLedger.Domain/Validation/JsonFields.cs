using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SkillsLedger.Domain.Validation;

/// <summary>
/// Strict reader for one JSON object: every accessor records its problem as a <see cref="FieldError"/> instead of
/// throwing, so one pass reports every bad field of an event. Unknown properties are rejected afterwards: a typo
/// such as "levle" must not be silently dropped from a ledger that cannot be edited later.
/// </summary>
internal sealed partial class JsonFields(JsonElement obj, int? index, string prefix, List<FieldError> errors)
{
    // A handful of names per event, mostly the same literal instances: a list beats a hash set here (one per import line).
    private readonly List<string> _read = new(12);
    private int _readAndPresent; // distinct names read that the object has: lets RejectUnknown skip its walk

    public bool Ok { get; private set; } = true;

    /// <summary>The person named by the URL, used when an event on the person route leaves personId out.</summary>
    public string? DefaultPersonId { get; init; }

    public bool Has(string name) => obj.TryGetProperty(name, out _);

    private string Path(string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";

    public void Fail(string name, string message)
    {
        Ok = false;
        errors.Add(new FieldError(index, Path(name), message));
    }

    private JsonElement? Get(string name)
    {
        var first = !WasRead(name);
        if (first) _read.Add(name);
        if (!obj.TryGetProperty(name, out var v)) return null;
        if (first) _readAndPresent++;
        return v.ValueKind != JsonValueKind.Null ? v : null;
    }

    private bool WasRead(string name)
    {
        foreach (var n in _read)
            if (ReferenceEquals(n, name) || string.Equals(n, name, StringComparison.Ordinal)) return true;
        return false;
    }

    public string RequiredString(string name, int maxLength = 200)
    {
        var v = OptionalString(name, maxLength, present: out var present);
        if (!present) Fail(name, "is required");
        return v ?? "";
    }

    public string? OptionalString(string name, int maxLength = 200) => OptionalString(name, maxLength, out _);

    private string? OptionalString(string name, int maxLength, out bool present)
    {
        present = false;
        if (Get(name) is not { } v) return null;
        present = true;
        if (v.ValueKind != JsonValueKind.String) { Fail(name, "must be a string"); return null; }
        var s = v.GetString()!;
        if (s.Trim().Length == 0) { Fail(name, "must not be empty"); return null; }
        if (s.Length > maxLength) { Fail(name, $"must be at most {maxLength} characters (got {s.Length})"); return null; }
        if (HasControlCharacter(s)) { Fail(name, "must not contain control characters"); return null; }
        return s;
    }

    private static bool HasControlCharacter(string s)
    {
        foreach (var c in s)
            if (char.IsControl(c)) return true;
        return false;
    }

    public decimal RequiredDecimal(string name)
    {
        if (Get(name) is null) { Fail(name, "is required"); return 0; }
        return OptionalDecimal(name) ?? 0;
    }

    public decimal? OptionalDecimal(string name)
    {
        if (Get(name) is not { } v) return null;
        if (v.ValueKind != JsonValueKind.Number) { Fail(name, "must be a number"); return null; }
        if (!v.TryGetDecimal(out var d)) { Fail(name, "is out of range"); return null; }
        return d;
    }

    public int RequiredInt(string name)
    {
        if (Get(name) is null) { Fail(name, "is required"); return 0; }
        return OptionalInt(name) ?? 0;
    }

    public int? OptionalInt(string name)
    {
        if (Get(name) is not { } v) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i)) { Fail(name, "must be a whole number"); return null; }
        return i;
    }

    /// <summary>A calendar date, yyyy-MM-dd.</summary>
    public DateOnly RequiredDate(string name)
    {
        if (Get(name) is not { } v) { Fail(name, "is required (a date, yyyy-MM-dd)"); return default; }
        if (v.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        Fail(name, "must be a date, yyyy-MM-dd");
        return default;
    }

    /// <summary>An optional JSON object (the caller reads its fields with a JsonFields of its own).</summary>
    public JsonElement? OptionalObject(string name)
    {
        if (Get(name) is not { } v) return null;
        if (v.ValueKind != JsonValueKind.Object) { Fail(name, "must be an object"); return null; }
        return v;
    }

    public T RequiredEnum<T>(string name) where T : struct, Enum
    {
        if (Get(name) is not { } v) { Fail(name, $"is required (one of {EnumNames<T>.Allowed})"); return default; }
        if (v.ValueKind == JsonValueKind.String && v.GetString() is { } text)
        {
            // As written ("Peer", "OnTheJob") or in the contract's snake_case ("peer", "on_the_job"), first match in declaration order.
            for (var i = 0; i < EnumNames<T>.Names.Length; i++)
                if (EnumNames<T>.Names[i].Equals(text, StringComparison.Ordinal) || EnumNames<T>.Lower[i] == text)
                    return EnumNames<T>.Values[i];
        }
        Fail(name, $"must be one of {EnumNames<T>.Allowed}");
        return default;
    }

    /// <summary>An enum's names worked out once: every import line reads one or two enums.</summary>
    private static class EnumNames<T> where T : struct, Enum
    {
        public static readonly string[] Names = Enum.GetNames<T>();
        public static readonly string[] Lower = Names.Select(Events.EventTypes.ToSnakeCase).ToArray();
        public static readonly T[] Values = Names.Select(Enum.Parse<T>).ToArray();
        public static readonly string Allowed = string.Join("|", Lower);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoWithOffset();

    public DateTimeOffset RequiredTimestamp(string name)
    {
        if (Get(name) is not { } v) { Fail(name, "is required (ISO-8601 with offset, e.g. 2025-03-01T09:00:00Z)"); return default; }
        if (v.ValueKind == JsonValueKind.String && v.GetString() is { } text && IsoWithOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            return t;
        Fail(name, "must be an ISO-8601 date-time with an offset, e.g. 2025-03-01T09:00:00Z");
        return default;
    }

    public IReadOnlyList<string>? OptionalStringList(string name, int maxItems = 100, int maxLength = 200)
    {
        if (Get(name) is not { } v) return null;
        if (v.ValueKind != JsonValueKind.Array) { Fail(name, "must be an array of strings"); return null; }
        var list = new List<string>();
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
                Fail($"{name}[{i}]", "must be a non-empty string");
            else if (item.GetString()!.Length > maxLength)
                Fail($"{name}[{i}]", $"must be at most {maxLength} characters");
            else list.Add(item.GetString()!);
            i++;
        }
        if (list.Count > maxItems) Fail(name, $"must have at most {maxItems} items");
        return list;
    }

    public IEnumerable<(JsonElement Item, string Path)> RequiredArray(string name)
    {
        if (Get(name) is not { } v) { Fail(name, "is required"); yield break; }
        if (v.ValueKind != JsonValueKind.Array) { Fail(name, "must be an array"); yield break; }
        var i = 0;
        foreach (var item in v.EnumerateArray()) yield return (item, Path($"{name}[{i++}]"));
    }

    /// <summary>Reports properties the event type does not have (call after reading all known fields).</summary>
    public void RejectUnknown()
    {
        // Every property of the object was read (names are distinct within an object as they come here; with duplicates
        // the counts differ and the walk below runs): nothing to report, and no property name needs decoding.
        var count = 0;
        foreach (var _ in obj.EnumerateObject()) count++;
        if (count == _readAndPresent) return;
        foreach (var p in obj.EnumerateObject())
            if (!WasRead(p.Name))
                Fail(p.Name, "is not a field of this event type (field names are camelCase)");
    }
}
