using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SkillsLedger.Xapi;

/// <summary>
/// Signed statements (xAPI Data 2.6): an attachment with usageType …/attachments/signature carries a JWS (compact
/// serialization, RS256/RS384/RS512) whose payload is the statement as signed. The LRS refuses a malformed signature:
/// not application/octet-stream, no content part, not a JWS, another algorithm, a payload that is not JSON or not
/// logically equivalent to the statement received, or — when the header carries an x5c certificate — a signature that
/// does not verify with that certificate's key. Without x5c the signature cannot be checked (xAPI makes the
/// certificate a SHOULD); the LRS then checks everything else. As the specification says, this catches mistakes; it
/// does not authenticate the signer (the certificate is not checked against any trust store).
/// </summary>
public static partial class SignedStatements
{
    public const string SignatureUsage = "http://adlnet.gov/expapi/attachments/signature";

    private static readonly Dictionary<string, HashAlgorithmName> Algorithms = new(StringComparer.Ordinal)
    {
        ["RS256"] = HashAlgorithmName.SHA256, ["RS384"] = HashAlgorithmName.SHA384, ["RS512"] = HashAlgorithmName.SHA512,
    };

    /// <summary>Checks every signature attachment of a statement as received (before the LRS completes it).</summary>
    /// <returns>Null when each is well formed, or the fault, starting with the attachment's JSON path.</returns>
    public static string? Verify(JsonObject statement, string path, IReadOnlyDictionary<string, XapiRequest.AttachmentPart> parts)
    {
        if (statement["attachments"] is not JsonArray attachments) return null;
        for (var i = 0; i < attachments.Count; i++)
        {
            if (attachments[i] is not JsonObject a || a["usageType"]?.GetValue<string>() != SignatureUsage) continue;
            var at = $"{path}.attachments[{i}]";
            var type = a["contentType"]!.GetValue<string>();
            if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(type, out var media)
                || !media.MediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
                return $"{at}: a signature attachment must have contentType application/octet-stream (got '{type}')";
            if (!parts.TryGetValue(XapiAttachments.Sha2(a), out var part))
                return $"{at}: the signature's JWS must be sent as a multipart/mixed part (a fileUrl cannot be verified)";
            if (Check(part.Content, statement) is { } why) return $"{at}: {why}";
        }
        return null;
    }

    private static string? Check(byte[] jws, JsonObject statement)
    {
        var text = Encoding.UTF8.GetString(jws).Trim();
        var segments = text.Split('.');
        if (segments.Length != 3)
            return text.StartsWith('{') ? "the JWS uses the JSON serialization; this LRS takes the compact serialization (header.payload.signature)" : "the signature is not a JWS (header.payload.signature)";
        byte[] headerBytes, payloadBytes, signature;
        try
        {
            headerBytes = Base64Url.DecodeFromChars(segments[0]);
            payloadBytes = Base64Url.DecodeFromChars(segments[1]);
            signature = Base64Url.DecodeFromChars(segments[2]);
        }
        catch (FormatException) { return "a JWS segment is not base64url"; }
        if (XapiRequest.Json(headerBytes).Body is not JsonObject header) return "the JWS header is not a JSON object";
        var alg = header["alg"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (alg is null || !Algorithms.TryGetValue(alg, out var hash)) return $"the JWS algorithm must be RS256, RS384 or RS512 (got '{alg}')";
        if (XapiRequest.Json(payloadBytes).Body is not JsonObject signed) return "the JWS payload is not a JSON serialization of a statement";
        if (header["x5c"] is { } x5c && VerifyWithCertificate(x5c, Encoding.ASCII.GetBytes(segments[0] + "." + segments[1]), signature, hash) is { } bad)
            return bad;
        return Equivalent(signed, statement) ? null : "the JWS payload is not the statement received (compared as xAPI Data 2.3.1 asks: without id, authority, stored, timestamp and version when the payload leaves them out, attachments, and durations to 0.01 s)";
    }

    private static string? VerifyWithCertificate(JsonNode x5c, byte[] signingInput, byte[] signature, HashAlgorithmName hash)
    {
        if (x5c is not JsonArray { Count: > 0 } chain || chain[0] is not JsonValue first || !first.TryGetValue<string>(out var der))
            return "the JWS header's x5c must be an array of base64 certificates";
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(der));
            using var rsa = certificate.GetRSAPublicKey();
            if (rsa is null) return "the x5c certificate holds no RSA key";
            return rsa.VerifyData(signingInput, signature, hash, RSASignaturePadding.Pkcs1) ? null : "the JWS signature does not verify with the x5c certificate's key";
        }
        catch (Exception e) when (e is FormatException or CryptographicException) { return "the JWS header's x5c certificate cannot be read"; }
    }

    /// <summary>
    /// Statement comparison (Data 2.3.1): differences the LRS could have caused are ignored — id, timestamp and version
    /// when the signed statement leaves them out, authority and stored always, attachments (not part of the statement),
    /// a context activity sent bare or in an array, a timestamp in another zone — and result.duration is compared to
    /// 0.01 s (xAPI 2.0.0 4.2.7). Everything else must be equal.
    /// </summary>
    public static bool Equivalent(JsonObject signed, JsonObject received)
    {
        var a = signed.DeepClone().AsObject();
        var b = received.DeepClone().AsObject();
        foreach (var key in (string[])["authority", "stored", "attachments"])
        {
            a.Remove(key);
            b.Remove(key);
        }
        foreach (var key in (string[])["id", "timestamp", "version"])
            if (!a.ContainsKey(key)) b.Remove(key);
        if (a["id"] is JsonValue ia && b["id"] is JsonValue ib && string.Equals(ia.ToString(), ib.ToString(), StringComparison.OrdinalIgnoreCase))
            (a["id"], b["id"]) = (null, null);
        if (Instant(a["timestamp"]) is { } ta && ta == Instant(b["timestamp"])) (a["timestamp"], b["timestamp"]) = (null, null);
        foreach (var s in (JsonObject[])[a, b])
        {
            Normalise(s);
            if (s["object"] is JsonObject sub && StatementFacts.ObjectType(sub, "Activity") == "SubStatement")
            {
                sub.Remove("attachments");
                Normalise(sub);
            }
        }
        return JsonNode.DeepEquals(a, b);
    }

    private static DateTimeOffset? Instant(JsonNode? n) =>
        n is JsonValue v && v.TryGetValue<string>(out var s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    private static void Normalise(JsonObject s)
    {
        StatementWrites.ContextActivitiesAsArrays(s);
        if (s["result"]?["duration"] is JsonValue d && d.TryGetValue<string>(out var duration))
            s["result"]!["duration"] = Hundredths().Replace(duration, m => m.Groups[1].Value + (m.Groups[2].Value.Length > 0 ? "." + m.Groups[2].Value[..Math.Min(2, m.Groups[2].Value.Length)] : "") + "S");
    }

    /// <summary>The seconds of an ISO 8601 duration, split at the decimal point.</summary>
    [GeneratedRegex(@"(\d+)(?:\.(\d*))?S$")]
    private static partial Regex Hundredths();
}
