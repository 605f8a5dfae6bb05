using SkillsLedger.Domain.Events;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Ingestion;

/// <summary>
/// A person event written straight to the text PostgreSQL prints for its jsonb value — the same text as serialising it
/// with the store's serializer and then formatting that with <see cref="JsonbText"/>, without the JSON in between.
/// The import did both for every event it copies (the largest client-side step of the import, docs/performance.md,
/// "Figures behind choices in the code"); this is one pass over the event's properties.
/// </summary>
/// <remarks>
/// Names, order of discovery and null handling come from System.Text.Json's own metadata for the contract's options
/// (<see cref="LedgerJson"/>), so a field added to an event is picked up. Values are written as that serializer writes
/// them (decimals by <see cref="Utf8Formatter"/>, times as trimmed ISO 8601, enums as camelCase strings) and then as
/// jsonb prints them. Whatever this does not know for certain — a type with a property of another kind, a custom
/// converter, a string with NUL or a lone surrogate, a number jsonb might print differently — it declines, and the
/// caller takes the old path for that event. A test compares both paths on every event type of the demo generator.
/// </remarks>
public static class JsonbEventText
{
    private static readonly ConcurrentDictionary<Type, Member[]?> Plans = new();
    private static readonly ConcurrentDictionary<Enum, string?> EnumTexts = new();

    // A copy of the contract's options with its reflection metadata ready (the shared instance may still be unconfigured).
    private static readonly JsonSerializerOptions Metadata = ReadOnlyCopy(LedgerJson.Options);

    [ThreadStatic] private static char[]? _buffer;

    private static JsonSerializerOptions ReadOnlyCopy(JsonSerializerOptions options)
    {
        var copy = new JsonSerializerOptions(options);
        copy.TypeInfoResolver ??= new DefaultJsonTypeInfoResolver();
        copy.MakeReadOnly();
        return copy;
    }

    public static bool TryFormat(object e, out string text)
    {
        text = "";
        if (Plans.GetOrAdd(e.GetType(), PlanFor) is not { } members) return false;
        var o = new CharOutput(_buffer ??= new char[1024]);
        try
        {
            o.Append('{');
            var first = true;
            foreach (var m in members)
            {
                var value = m.Get(e);
                if (value is null) continue; // WhenWritingNull, as the contract's options say
                if (!first) o.Append(", ");
                first = false;
                o.Append(m.Key);
                if (!WriteValue(value, m.Kind, ref o)) return false;
            }
            o.Append('}');
            text = o.ToString();
            return true;
        }
        finally { _buffer = o.Release(_buffer); }
    }

    private static bool WriteValue(object value, Kind kind, ref CharOutput o)
    {
        switch (kind)
        {
            case Kind.String: return WriteString((string)value, ref o);
            case Kind.Decimal:
            {
                Span<byte> digits = stackalloc byte[64];
                // The serializer's own number formatting; jsonb's numeric prints it back unchanged only when plain.
                if (!Utf8Formatter.TryFormat((decimal)value, digits, out var n) || !JsonbText.IsPlainNumber(digits[..n])) return false;
                foreach (var b in digits[..n]) o.Append((char)b);
                return true;
            }
            case Kind.YearText:
                var year = (string)value;
                if (year is { Length: > 0 and <= 4 } && year.All(char.IsAsciiDigit) && year[0] != '0') { o.Append(year); return true; }
                return year.All(char.IsAsciiDigit) ? false : WriteString(year, ref o);
            case Kind.Int: o.AppendFormatted((int)value); return true;
            case Kind.Long: o.AppendFormatted((long)value); return true;
            case Kind.Bool: o.Append((bool)value ? "true" : "false"); return true;
            case Kind.DateTimeOffset: WriteTime((DateTimeOffset)value, ref o); return true;
            case Kind.Enum:
                if (EnumTexts.GetOrAdd((Enum)value, EnumText) is not { } text) return false;
                o.Append(text);
                return true;
            case Kind.StringList:
                o.Append('[');
                var i = 0;
                foreach (var s in (IEnumerable<string?>)value)
                {
                    if (i++ > 0) o.Append(", ");
                    if (s is null) o.Append("null");
                    else if (!WriteString(s, ref o)) return false;
                }
                o.Append(']');
                return true;
            default: return false;
        }
    }

    /// <summary>As jsonb's escape_json prints a string: only '"', '\\' and control characters escaped.</summary>
    private static bool WriteString(string s, ref CharOutput o)
    {
        o.Append('"');
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                if (char.IsSurrogate(c))
                {
                    // A pair is one character to jsonb; a lone half cannot become UTF-8, decline (the old path does too).
                    if (!char.IsHighSurrogate(c) || i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) return false;
                    i++;
                }
                continue;
            }
            if (c == 0) return false; // jsonb refuses \u0000
            o.Append(s.AsSpan(start, i - start));
            start = i + 1;
            switch (c)
            {
                case '"': o.Append("\\\""); break;
                case '\\': o.Append("\\\\"); break;
                case '\b': o.Append("\\b"); break;
                case '\f': o.Append("\\f"); break;
                case '\n': o.Append("\\n"); break;
                case '\r': o.Append("\\r"); break;
                case '\t': o.Append("\\t"); break;
                default:
                    o.Append("\\u00");
                    o.Append("0123456789abcdef"[c >> 4]);
                    o.Append("0123456789abcdef"[c & 15]);
                    break;
            }
        }
        o.Append(s.AsSpan(start));
        o.Append('"');
        return true;
    }

    /// <summary>
    /// System.Text.Json's DateTimeOffset form: round-trip ("O") with the fraction's trailing zeros cut, and no fraction
    /// at all when it is zero ("2024-03-01T09:00:00+00:00").
    /// </summary>
    private static void WriteTime(DateTimeOffset t, ref CharOutput o)
    {
        Span<char> s = stackalloc char[40];
        t.TryFormat(s, out var n, "O", System.Globalization.CultureInfo.InvariantCulture);
        var text = s[..n];
        // "yyyy-MM-ddTHH:mm:ss.fffffff" is 27 characters, then the offset.
        var dot = 19;
        var end = 27;
        while (end > dot + 1 && text[end - 1] == '0') end--;
        if (end == dot + 1) end = dot;
        o.Append('"');
        o.Append(text[..end]);
        o.Append(text[27..]);
        o.Append('"');
    }

    private static string? EnumText(Enum value)
    {
        var json = JsonSerializer.Serialize(value, value.GetType(), Metadata);
        return JsonbText.TryFormat(json, out var text) && text.StartsWith('"') ? text : null;
    }

    /// <summary>The event's serialised members in jsonb's key order (by UTF-8 length, then bytewise), or null when not supported.</summary>
    private static Member[]? PlanFor(Type type)
    {
        var info = Metadata.GetTypeInfo(type);
        if (info.Kind != JsonTypeInfoKind.Object || info.PolymorphismOptions is not null)
            return null; // a converter of its own (Kind None) or polymorphism: not a plain record
        if (Metadata.DefaultIgnoreCondition != JsonIgnoreCondition.WhenWritingNull) return null;
        var members = new List<Member>();
        foreach (var p in info.Properties)
        {
            // The one converter we know: a year kept as text, written as a number (YearAsNumber).
            var year = p.CustomConverter is YearAsNumber;
            if (p.Get is null || p.IsExtensionData || (p.CustomConverter is not null && !year) || p.ShouldSerialize is not null) return null;
            if (p.AttributeProvider is not PropertyInfo property || property.GetCustomAttributes(inherit: true)
                    .Any(a => a.GetType().Namespace == typeof(JsonIgnoreAttribute).Namespace && !(year && a is JsonConverterAttribute)))
                return null;
            if ((year ? Kind.YearText : KindOf(p.PropertyType)) is not { } kind) return null;
            if (p.Name.Any(c => c > 0x7e || c < 0x20 || c == '"' || c == '\\')) return null; // keys sort as ASCII bytes below
            members.Add(new Member(p.Name, $"\"{p.Name}\": ", kind, Getter(type, property)));
        }
        members.Sort((a, b) => a.Name.Length != b.Name.Length ? a.Name.Length.CompareTo(b.Name.Length) : string.CompareOrdinal(a.Name, b.Name));
        for (var i = 1; i < members.Count; i++)
            if (members[i].Name == members[i - 1].Name) return null;
        return [.. members];
    }

    private static Kind? KindOf(Type t)
    {
        var u = Nullable.GetUnderlyingType(t) ?? t;
        if (u == typeof(string)) return Kind.String;
        if (u == typeof(decimal)) return Kind.Decimal;
        if (u == typeof(int)) return Kind.Int;
        if (u == typeof(long)) return Kind.Long;
        if (u == typeof(bool)) return Kind.Bool;
        if (u == typeof(DateTimeOffset)) return Kind.DateTimeOffset;
        if (u.IsEnum) return Kind.Enum;
        if (u == typeof(IReadOnlyList<string>) || u == typeof(string[]) || u == typeof(List<string>)) return Kind.StringList;
        return null;
    }

    /// <summary>A compiled getter (boxing the value, which is all the writer needs).</summary>
    private static Func<object, object?> Getter(Type type, PropertyInfo property)
    {
        var e = Expression.Parameter(typeof(object));
        return Expression.Lambda<Func<object, object?>>(
            Expression.Convert(Expression.Property(Expression.Convert(e, type), property), typeof(object)), e).Compile();
    }

    private enum Kind { String, Decimal, Int, Long, Bool, DateTimeOffset, Enum, StringList, YearText }

    private sealed record Member(string Name, string Key, Kind Kind, Func<object, object?> Get);

    /// <summary>A growable char buffer: starts in the thread's own buffer, grows from the shared pool.</summary>
    private struct CharOutput(char[] initial)
    {
        private char[] _chars = initial;
        private bool _rented;
        private int _length;

        public void Append(char c)
        {
            if (_length == _chars.Length) Grow(1);
            _chars[_length++] = c;
        }

        public void Append(ReadOnlySpan<char> s)
        {
            if (_length + s.Length > _chars.Length) Grow(s.Length);
            s.CopyTo(_chars.AsSpan(_length));
            _length += s.Length;
        }

        public void AppendFormatted(long n)
        {
            Span<char> s = stackalloc char[24];
            n.TryFormat(s, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
            Append(s[..written]);
        }

        private void Grow(int more)
        {
            var bigger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + more));
            _chars.AsSpan(0, _length).CopyTo(bigger);
            if (_rented) ArrayPool<char>.Shared.Return(_chars);
            _chars = bigger;
            _rented = true;
        }

        public override string ToString() => new(_chars, 0, _length);

        /// <summary>Returns a grown buffer to the pool; the thread keeps its own.</summary>
        public char[] Release(char[] own)
        {
            if (_rented) ArrayPool<char>.Shared.Return(_chars);
            return own;
        }
    }
}
