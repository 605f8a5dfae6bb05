using System.Text.Json;

namespace SkillsLedger.Web;

/// <summary>Reads a JSON request body within a size limit, turning every way it can be wrong into a problem.</summary>
public static class RequestBody
{
    public const long MaxBytes = 16 * 1024 * 1024;

    public sealed record Parsed(JsonDocument Document, byte[] Bytes);

    /// <returns>The parsed body, or the problem to send back.</returns>
    public static async Task<(Parsed? Body, IResult? Problem)> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentType is { } ct0 && !ct0.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            && !ct0.Contains("+json", StringComparison.OrdinalIgnoreCase))
            return (null, Problems.UnsupportedMediaType($"send application/json (got {ct0})"));
        var (body, refusal) = await ReadStrictAsync(request, ct);
        if (refusal is not null)
            return (null, refusal.TooLarge ? Problems.TooLarge("body", refusal.Detail) : Problems.BadRequest("body", refusal.Detail));
        if (body!.Document.RootElement.ValueKind != JsonValueKind.Object)
        {
            body.Document.Dispose();
            return (null, Problems.BadRequest("body", "the body must be a JSON object"));
        }
        return (body, null);
    }

    /// <summary>Why a body was refused: a 413 (too large) or a 400, with a message for the caller.</summary>
    public sealed record Refusal(bool TooLarge, string Detail);

    /// <summary>
    /// Reads the whole body and parses it as JSON of any kind, refusing what cannot be stored and returned verbatim:
    /// more than <see cref="MaxBytes"/>, empty, invalid UTF-8, malformed JSON, duplicate properties, lone surrogates.
    /// The one strict reader of the JSON API and /xapi (which also takes arrays); callers add their own shape rules.
    /// </summary>
    public static async Task<(Parsed? Body, Refusal? Refused)> ReadStrictAsync(HttpRequest request, CancellationToken ct, int maxDepth = 32)
    {
        if (request.ContentLength > MaxBytes)
            return (null, new Refusal(true, $"the body is {request.ContentLength} bytes; the limit is {MaxBytes} bytes (16 MiB)"));
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
                return (null, new Refusal(true, $"the body is larger than the limit of {MaxBytes} bytes (16 MiB)"));
        }
        return Parse(buffer.ToArray(), maxDepth);
    }

    /// <summary>The checks of <see cref="ReadStrictAsync"/> on bytes already read (e.g. one part of a multipart body).</summary>
    public static (Parsed? Body, Refusal? Refused) Parse(byte[] bytes, int maxDepth = 32)
    {
        if (bytes.Length == 0) return (null, new Refusal(false, "the body is empty; send JSON"));
        // The JSON parser leaves string contents unchecked; invalid UTF-8 would only fail later, when a field is read.
        if (!System.Text.Unicode.Utf8.IsValid(bytes)) return (null, new Refusal(false, "the body is not valid UTF-8"));
        try
        {
            // A field sent twice ({"level": 3, "level": 5}) is ambiguous; the ledger cannot be corrected later, so refuse it.
            // Valid UTF-8 can still spell invalid UTF-16 through escapes ("\uD800" alone): such a string cannot be
            // read, stored or returned verbatim, so refuse the body rather than fail later. Checked before parsing:
            // the duplicate-property check throws on such a property name.
            if (HasLoneSurrogateEscape(bytes))
                return (null, new Refusal(false, "the body contains an escaped lone surrogate (e.g. \\uD800 without its pair): not valid Unicode text"));
            var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = false });
            return (new Parsed(doc, bytes), null);
        }
        catch (JsonException ex)
        {
            return (null, new Refusal(false, $"malformed JSON at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}"
                + (ex.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase) ? ": a property appears twice" : "")));
        }
    }

    /// <summary>
    /// Whether JSON spells an unpaired UTF-16 surrogate with \u escapes, in a value or a property name (a tree walk
    /// misses names). Outside strings JSON has no backslashes, so a scan of the escapes suffices.
    /// </summary>
    public static bool HasLoneSurrogateEscape(ReadOnlySpan<byte> json)
    {
        var pendingHighEnd = -1; // index just past a \uD800–\uDBFF escape still waiting for its low half
        for (var i = json.IndexOf((byte)'\\'); i >= 0 && i + 1 < json.Length;)
        {
            if (pendingHighEnd >= 0 && pendingHighEnd != i) return true;
            if (json[i + 1] != (byte)'u' || i + 6 > json.Length)
            {
                i = Next(json, i + 2);
                continue;
            }
            if (!int.TryParse(json.Slice(i + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var unit))
            {
                i = Next(json, i + 2); // not JSON; the parser says where
                continue;
            }
            if (pendingHighEnd >= 0)
            {
                if (unit is < 0xDC00 or > 0xDFFF) return true;
                pendingHighEnd = -1;
            }
            else if (unit is >= 0xD800 and <= 0xDBFF) pendingHighEnd = i + 6;
            else if (unit is >= 0xDC00 and <= 0xDFFF) return true;
            i = Next(json, i + 6);
        }
        return pendingHighEnd >= 0;

        static int Next(ReadOnlySpan<byte> json, int from) =>
            from >= json.Length ? -1 : json[from..].IndexOf((byte)'\\') is var k and >= 0 ? from + k : -1;
    }

    /// <summary>Whether every string and property name decodes to well-formed UTF-16 (no unpaired surrogates).</summary>
    internal static bool IsValidUnicode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsWellFormed(element, e => e.GetString());
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    if (!IsValidUnicode(item)) return false;
                return true;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try { name = property.Name; }
                    catch (InvalidOperationException) { return false; }
                    if (!IsWellFormed(name) || !IsValidUnicode(property.Value)) return false;
                }
                return true;
            default:
                return true;
        }
    }

    private static bool IsWellFormed(JsonElement element, Func<JsonElement, string?> read)
    {
        try { return IsWellFormed(read(element) ?? ""); }
        catch (InvalidOperationException) { return false; }
    }

    private static bool IsWellFormed(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
            if (char.IsSurrogate(s[i])) return false;
        }
        return true;
    }
}
