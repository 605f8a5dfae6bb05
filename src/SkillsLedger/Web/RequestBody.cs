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
        if (request.ContentLength > MaxBytes)
            return (null, Problems.TooLarge("body", $"the body is {request.ContentLength} bytes; the limit is {MaxBytes} bytes (16 MiB)"));

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
                return (null, Problems.TooLarge("body", $"the body is larger than the limit of {MaxBytes} bytes (16 MiB)"));
        }
        var bytes = buffer.ToArray();
        if (bytes.Length == 0) return (null, Problems.BadRequest("body", "the body is empty; send a JSON object"));
        // The JSON parser leaves string contents unchecked; invalid UTF-8 would only fail later, when a field is read.
        if (!System.Text.Unicode.Utf8.IsValid(bytes)) return (null, Problems.BadRequest("body", "the body is not valid UTF-8"));
        try
        {
            // A field sent twice ({"level": 3, "level": 5}) is ambiguous; the ledger cannot be corrected later, so refuse it.
            var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                return (null, Problems.BadRequest("body", "the body must be a JSON object"));
            }
            // Valid UTF-8 can still spell invalid UTF-16 through escapes ("\uD800" alone): such a string cannot be
            // read, stored or returned verbatim, so refuse the body rather than fail later.
            if (!IsValidUnicode(doc.RootElement))
            {
                doc.Dispose();
                return (null, Problems.BadRequest("body", "the body contains an escaped lone surrogate (e.g. \\uD800 without its pair): not valid Unicode text"));
            }
            return (new Parsed(doc, bytes), null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest("body",
                $"malformed JSON at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}"));
        }
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
