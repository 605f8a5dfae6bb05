using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.Validation;

namespace SkillsLedger.Ingestion;

/// <summary>
/// Reads a JSONL file lazily, one event per line. An event without an eventId gets one derived from the
/// line's bytes ("line-" + SHA-256), so importing the same file twice appends nothing the second time.
/// </summary>
public static class JsonlReader
{
    public static IEnumerable<(long Line, ILedgerEvent Event)> Read(TextReader reader, Action<long>? onBytes = null)
    {
        long lineNumber = 0;
        while (reader.ReadLine() is { } text)
        {
            lineNumber++;
            onBytes?.Invoke(Encoding.UTF8.GetByteCount(text) + 1);
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonDocument doc;
            try { doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false }); }
            catch (JsonException ex) { throw new LoadStoppedException(lineNumber, $"line {lineNumber}: malformed JSON at byte {(ex.BytePositionInLine ?? 0) + 1}"); }
            using (doc)
            {
                // A line read as text cannot hold a lone surrogate itself (invalid UTF-8 becomes U+FFFD); only an escape
                // \uD800–\uDFFF can make one. Without "\ud" anywhere the full walk (which decodes every string) is skipped.
                if (MayEscapeSurrogate(text) && !SkillsLedger.Web.RequestBody.IsValidUnicode(doc.RootElement))
                    throw new LoadStoppedException(lineNumber, $"line {lineNumber}: contains an escaped lone surrogate (e.g. \\uD800 without its pair): not valid Unicode text");
                var errors = new List<FieldError>();
                var evt = EventReader.Read(doc.RootElement, null, "", errors);
                if (evt is null)
                    throw new LoadStoppedException(lineNumber, $"line {lineNumber}: {errors[0].Field}: {errors[0].Message}");
                yield return (lineNumber, evt.EventId is null ? evt.WithEventId(LineId(text)) : evt);
            }
        }
    }

    private static bool MayEscapeSurrogate(string line) => line.Contains("\\ud", StringComparison.OrdinalIgnoreCase);

    private static string LineId(string line) =>
        "line-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(line.Trim())))[..40];
}
