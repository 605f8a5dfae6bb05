using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SkillsLedger.Ingestion;

/// <summary>
/// The text PostgreSQL prints for a jsonb value (<c>data::text</c>), computed on the client, so the import can chain
/// the events it copies without reading them back. PostgreSQL 15's rules (jsonb.c, JsonbToCString): object keys sorted
/// by byte length and then bytewise, ", " between members and ": " after keys, strings escaped only for '"', '\\' and
/// control characters (as \b \f \n \r \t or lowercase \u00xx), every other character written as itself, numbers as
/// numeric prints them. Where the last is not obviously the same text (exponents, "-0", leading zeros) it declines,
/// and the caller reads the stored text back instead.
/// </summary>
public static partial class JsonbText
{
    public static bool TryFormat(string json, out string text)
    {
        using var doc = JsonDocument.Parse(json);
        var sb = new StringBuilder(json.Length + 32);
        var ok = Write(doc.RootElement, sb);
        text = ok ? sb.ToString() : "";
        return ok;
    }

    private static bool Write(JsonElement e, StringBuilder sb)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var members = e.EnumerateObject().Select(p => (Key: Encoding.UTF8.GetBytes(p.Name), p.Name, p.Value)).ToList();
                members.Sort((a, b) => a.Key.Length != b.Key.Length ? a.Key.Length.CompareTo(b.Key.Length) : a.Key.AsSpan().SequenceCompareTo(b.Key));
                for (var i = 1; i < members.Count; i++)
                    if (members[i].Key.AsSpan().SequenceEqual(members[i - 1].Key)) return false; // duplicate keys: jsonb keeps the last
                sb.Append('{');
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    WriteString(members[i].Name, sb);
                    sb.Append(": ");
                    if (!Write(members[i].Value, sb)) return false;
                }
                sb.Append('}');
                return true;
            case JsonValueKind.Array:
                sb.Append('[');
                var first = true;
                foreach (var item in e.EnumerateArray())
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    if (!Write(item, sb)) return false;
                }
                sb.Append(']');
                return true;
            case JsonValueKind.String:
                var s = e.GetString()!;
                if (s.Contains('\0')) return false; // jsonb refuses \u0000 anyway
                WriteString(s, sb);
                return true;
            case JsonValueKind.Number:
                var raw = e.GetRawText();
                if (!PlainNumber().IsMatch(raw)) return false;
                sb.Append(raw);
                return true;
            case JsonValueKind.True: sb.Append("true"); return true;
            case JsonValueKind.False: sb.Append("false"); return true;
            case JsonValueKind.Null: sb.Append("null"); return true;
            default: return false;
        }
    }

    private static void WriteString(string s, StringBuilder sb)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ': sb.Append("\\u").Append(((int)c).ToString("x4")); break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
    }

    /// <summary>Numbers numeric prints back unchanged: no exponent, no leading zeros, not negative zero.</summary>
    [GeneratedRegex(@"^(0|-?[1-9][0-9]*)(\.[0-9]+)?$|^-?0\.[0-9]*[1-9][0-9]*$")]
    private static partial Regex PlainNumber();
}
