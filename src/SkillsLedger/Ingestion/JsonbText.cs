using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SkillsLedger.Ingestion;

/// <summary>
/// The text PostgreSQL prints for a jsonb value (<c>data::text</c>), computed on the client, so the import can chain
/// the events it copies without reading them back. PostgreSQL 15's rules (jsonb.c, JsonbToCString): object keys sorted
/// by byte length and then bytewise, ", " between members and ": " after keys, strings escaped only for '"', '\\' and
/// control characters (as \b \f \n \r \t or lowercase \u00xx), every other character written as itself, numbers as
/// numeric prints them. Where the last is not obviously the same text (exponents, "-0", leading zeros) it declines,
/// and the caller reads the stored text back instead.
/// </summary>
/// <remarks>
/// One forward pass of <see cref="Utf8JsonReader"/> over the UTF-8 bytes, writing into one buffer: each object's
/// members are written in arrival order and then moved into key order in place. The import formats every event it
/// copies, so this was worth making cheap (a <see cref="JsonDocument"/> per event cost four times the serialisation).
/// The formatted text is also what the import sends as the jsonb value: PostgreSQL stores the same value either way.
/// </remarks>
public static class JsonbText
{
    public static bool TryFormat(string json, out string text)
    {
        var input = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, input);
            var ok = TryFormat(input.AsSpan(0, length), out var output);
            text = ok ? Encoding.UTF8.GetString(output.Buffer, 0, output.Length) : "";
            output.Dispose();
            return ok;
        }
        finally { ArrayPool<byte>.Shared.Return(input); }
    }

    private static bool TryFormat(ReadOnlySpan<byte> utf8, out Output output)
    {
        output = new Output(utf8.Length + 64);
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
            return reader.Read() && WriteValue(ref reader, ref output) && !reader.Read();
        }
        catch (JsonException) { return false; }
        catch (InvalidOperationException) { return false; } // e.g. a string that is not valid UTF-8 once unescaped
    }

    private static bool WriteValue(ref Utf8JsonReader r, ref Output o)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.StartObject: return WriteObject(ref r, ref o);
            case JsonTokenType.StartArray:
                o.Append((byte)'[');
                var first = true;
                while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                {
                    if (!first) o.Append(", "u8);
                    first = false;
                    if (!WriteValue(ref r, ref o)) return false;
                }
                o.Append((byte)']');
                return true;
            case JsonTokenType.String: return WriteString(ref r, ref o);
            case JsonTokenType.Number:
                if (r.HasValueSequence || !IsPlainNumber(r.ValueSpan)) return false;
                o.Append(r.ValueSpan);
                return true;
            case JsonTokenType.True: o.Append("true"u8); return true;
            case JsonTokenType.False: o.Append("false"u8); return true;
            case JsonTokenType.Null: o.Append("null"u8); return true;
            default: return false;
        }
    }

    /// <summary>Members written as they come, then rewritten in jsonb's key order over the same bytes.</summary>
    private static bool WriteObject(ref Utf8JsonReader r, ref Output o)
    {
        var start = o.Length;
        var members = new List<Member>(16);
        while (r.Read() && r.TokenType != JsonTokenType.EndObject)
        {
            var memberStart = o.Length;
            if (!WriteString(ref r, ref o)) return false; // the key, escaped as jsonb prints it
            var keyEnd = o.Length;
            o.Append(": "u8);
            if (!r.Read() || !WriteValue(ref r, ref o)) return false;
            members.Add(new Member(memberStart, keyEnd, o.Length));
        }
        if (members.Count == 0) { o.Append("{}"u8); return true; }

        var written = o.Buffer;
        // Escaped keys sort like the keys themselves except around escapes (a quote, backslash or control character in
        // a key): decline those rather than unescape, event keys never have them.
        foreach (var m in members)
            if (written.AsSpan(m.Start + 1, m.KeyEnd - m.Start - 2).IndexOfAny((byte)'\\', (byte)'"') >= 0) return false;
        members.Sort((a, b) =>
        {
            var ka = written.AsSpan(a.Start + 1, a.KeyEnd - a.Start - 2);
            var kb = written.AsSpan(b.Start + 1, b.KeyEnd - b.Start - 2);
            return ka.Length != kb.Length ? ka.Length.CompareTo(kb.Length) : ka.SequenceCompareTo(kb);
        });
        for (var i = 1; i < members.Count; i++)
            if (KeyOf(written, members[i]).SequenceEqual(KeyOf(written, members[i - 1]))) return false; // jsonb keeps the last

        var length = o.Length - start;
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Array.Copy(written, start, copy, 0, length);
            o.Length = start;
            o.Append((byte)'{');
            for (var i = 0; i < members.Count; i++)
            {
                if (i > 0) o.Append(", "u8);
                var m = members[i];
                o.Append(copy.AsSpan(m.Start - start, m.End - m.Start));
            }
            o.Append((byte)'}');
        }
        finally { ArrayPool<byte>.Shared.Return(copy); }
        return true;
    }

    private static ReadOnlySpan<byte> KeyOf(byte[] buffer, Member m) => buffer.AsSpan(m.Start + 1, m.KeyEnd - m.Start - 2);

    /// <summary>A string (or key), unescaped and re-escaped as jsonb's escape_json does.</summary>
    private static bool WriteString(ref Utf8JsonReader r, ref Output o)
    {
        ReadOnlySpan<byte> value;
        byte[]? rented = null;
        if (r.ValueIsEscaped)
        {
            rented = ArrayPool<byte>.Shared.Rent(r.ValueSpan.Length);
            value = rented.AsSpan(0, r.CopyString(rented));
        }
        else value = r.ValueSpan;
        try
        {
            if (value.IndexOf((byte)0) >= 0) return false; // jsonb refuses \u0000 anyway
            o.Append((byte)'"');
            foreach (var b in value)
            {
                switch (b)
                {
                    case (byte)'"': o.Append("\\\""u8); break;
                    case (byte)'\\': o.Append("\\\\"u8); break;
                    case (byte)'\b': o.Append("\\b"u8); break;
                    case (byte)'\f': o.Append("\\f"u8); break;
                    case (byte)'\n': o.Append("\\n"u8); break;
                    case (byte)'\r': o.Append("\\r"u8); break;
                    case (byte)'\t': o.Append("\\t"u8); break;
                    case < 0x20:
                        o.Append("\\u00"u8);
                        o.Append((byte)"0123456789abcdef"[b >> 4]);
                        o.Append((byte)"0123456789abcdef"[b & 15]);
                        break;
                    default: o.Append(b); break;
                }
            }
            o.Append((byte)'"');
            return true;
        }
        finally { if (rented is not null) ArrayPool<byte>.Shared.Return(rented); }
    }

    /// <summary>
    /// Numbers numeric prints back unchanged: no exponent, no leading zeros, not negative zero
    /// (<c>^(0|-?[1-9][0-9]*)(\.[0-9]+)?$|^-?0\.[0-9]*[1-9][0-9]*$</c>).
    /// </summary>
    internal static bool IsPlainNumber(ReadOnlySpan<byte> n)
    {
        var negative = n.Length > 0 && n[0] == '-';
        var s = negative ? n[1..] : n;
        if (s.IsEmpty || s.IndexOfAnyExcept("0123456789."u8) >= 0) return false;
        var dot = s.IndexOf((byte)'.');
        var integer = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? ReadOnlySpan<byte>.Empty : s[(dot + 1)..];
        if (integer.IsEmpty || (dot >= 0 && (fraction.IsEmpty || fraction.IndexOf((byte)'.') >= 0))) return false;
        if (integer.Length > 1 && integer[0] == '0') return false;
        if (integer[0] != '0') return true;
        // integer part "0": fine unless the whole value is a negative zero
        return !negative || fraction.IndexOfAnyExcept((byte)'0') >= 0;
    }

    private readonly record struct Member(int Start, int KeyEnd, int End);

    /// <summary>A growable byte buffer from the shared pool.</summary>
    private struct Output(int capacity) : IDisposable
    {
        public byte[] Buffer = ArrayPool<byte>.Shared.Rent(capacity);
        public int Length;

        public void Append(byte b)
        {
            if (Length == Buffer.Length) Grow(1);
            Buffer[Length++] = b;
        }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            if (Length + bytes.Length > Buffer.Length) Grow(bytes.Length);
            bytes.CopyTo(Buffer.AsSpan(Length));
            Length += bytes.Length;
        }

        private void Grow(int more)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(Buffer.Length * 2, Length + more));
            Array.Copy(Buffer, bigger, Length);
            ArrayPool<byte>.Shared.Return(Buffer);
            Buffer = bigger;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(Buffer);
    }
}
