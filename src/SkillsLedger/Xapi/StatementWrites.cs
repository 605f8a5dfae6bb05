using System.Globalization;
using System.Text.Json.Nodes;
using SkillsLedger.Web;

namespace SkillsLedger.Xapi;

/// <summary>POST and PUT /xapi/statements: validate every statement, complete it (id, stored, timestamp, authority, version), store all or none.</summary>
public static class StatementWrites
{
    public static async Task<IResult> PostAsync(HttpContext http, StatementEvidence store, TimeProvider clock, CancellationToken ct)
    {
        if (XapiRequest.Unknown(http) is { } p) return XapiResults.BadRequest(http, $"parameter '{p}' is not allowed on POST /statements");
        var (request, error, tooLarge) = await XapiRequest.StatementsBodyAsync(http, ct);
        if (error is not null) return tooLarge ? XapiResults.TooLarge(http, error) : XapiResults.BadRequest(http, error);
        var body = request!.Body;
        var statements = body is JsonArray arr ? arr.ToList() : [body];
        if (statements.Count == 0) return XapiResults.BadRequest(http, "the batch holds no statements");
        var prepared = Prepare(http, statements, request.Parts, clock.GetUtcNow(), out var problem);
        if (problem is not null) return XapiResults.BadRequest(http, problem);
        var ids = prepared!.Select(s => s["id"]!.GetValue<string>()).ToList();
        if (ids.GroupBy(i => i, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } dup)
            return XapiResults.BadRequest(http, $"statement id {dup.Key} appears twice in the batch");
        return await StoreAsync(http, store, prepared, request.Parts, ct) ?? Results.Json(ids);
    }

    public static async Task<IResult> PutAsync(HttpContext http, StatementEvidence store, TimeProvider clock, CancellationToken ct)
    {
        if (XapiRequest.Unknown(http, "statementId") is { } p) return XapiResults.BadRequest(http, $"parameter '{p}' is not allowed on PUT /statements");
        var id = XapiRequest.Param(http, "statementId");
        if (id is null) return XapiResults.BadRequest(http, "statementId is required on PUT /statements");
        if (!Guid.TryParse(id, out _)) return XapiResults.BadRequest(http, "statementId must be a UUID");
        var (request, error, tooLarge) = await XapiRequest.StatementsBodyAsync(http, ct);
        if (error is not null) return tooLarge ? XapiResults.TooLarge(http, error) : XapiResults.BadRequest(http, error);
        if (request!.Body is not JsonObject statement) return XapiResults.BadRequest(http, "PUT /statements takes one statement (an object)");
        if (statement["id"] is JsonValue given && given.TryGetValue<string>(out var gid) && !string.Equals(gid, id, StringComparison.OrdinalIgnoreCase))
            return XapiResults.BadRequest(http, $"statement.id {gid} differs from statementId {id}");
        if (!statement.ContainsKey("id")) statement["id"] = id;
        var prepared = Prepare(http, [statement], request.Parts, clock.GetUtcNow(), out var problem);
        if (problem is not null) return XapiResults.BadRequest(http, problem);
        return await StoreAsync(http, store, prepared!, request.Parts, ct) ?? Results.NoContent();
    }

    private static async Task<IResult?> StoreAsync(HttpContext http, StatementEvidence store, List<JsonObject> prepared,
        IReadOnlyDictionary<string, XapiRequest.AttachmentPart> parts, CancellationToken ct)
    {
        var refused = await store.StoreAsync(Ingestion.AppendContext.Of(http), prepared, parts.Values.ToList(),
            DateTimeOffset.Parse(prepared[0]["stored"]!.GetValue<string>(), CultureInfo.InvariantCulture), ct);
        if (refused is not { Outcome: var outcome, Id: var id }) return null;
        return outcome switch
        {
            StatementStore.Outcome.Conflict => XapiResults.Conflict(http, $"a different statement with id {id} is stored already; nothing was stored"),
            StatementStore.Outcome.VoidsVoiding => XapiResults.BadRequest(http, $"statement {id} voids a voiding statement, which xAPI does not allow; nothing was stored"),
            _ => null,
        };
    }

    /// <returns>The statements completed by the LRS, or null with a problem naming the first invalid field.</returns>
    private static List<JsonObject>? Prepare(HttpContext http, List<JsonNode?> statements, IReadOnlyDictionary<string, XapiRequest.AttachmentPart> parts,
        DateTimeOffset now, out string? problem)
    {
        var stored = Timestamp(now);
        var prepared = new List<JsonObject>();
        for (var i = 0; i < statements.Count; i++)
        {
            var path = statements.Count == 1 ? "statement" : $"statements[{i}]";
            if (StatementValidator.Validate(statements[i], path: path) is { } why) { problem = why; return null; }
            var s = statements[i]!.AsObject();
            // Signatures are compared with the statement as sent, before the LRS adds id, stored, authority….
            if (SignedStatements.Verify(s, path, parts) is { } badSignature) { problem = badSignature; return null; }
            if (!s.ContainsKey("id")) s["id"] = Guid.NewGuid().ToString();
            s["stored"] = stored;
            if (!s.ContainsKey("timestamp")) s["timestamp"] = stored;
            s["authority"] = Authority(http);
            ContextActivitiesAsArrays(s);
            if (s["object"] is JsonObject { } sub && StatementFacts.ObjectType(sub, "Activity") == "SubStatement") ContextActivitiesAsArrays(sub);
            if (!s.ContainsKey("version")) s["version"] = XapiVersion.Of(http) == "2.0.0" ? "2.0.0" : "1.0.0";
            prepared.Add(s);
        }
        problem = XapiAttachments.Match(prepared, parts);
        return problem is null ? prepared : null;
    }

    /// <summary>xAPI lets a client send one context activity bare; the LRS stores and returns every one in an array.</summary>
    public static void ContextActivitiesAsArrays(JsonObject s)
    {
        if (s["context"]?["contextActivities"] is not JsonObject ca) return;
        foreach (var key in ca.Select(kv => kv.Key).ToList())
            if (ca[key] is JsonObject single)
            {
                ca.Remove(key);
                ca[key] = new JsonArray(single);
            }
    }

    /// <summary>The key that wrote the statement, as an xAPI Agent identified by an account.</summary>
    private static JsonObject Authority(HttpContext http) => new()
    {
        ["objectType"] = "Agent",
        ["name"] = http.User.Identity?.Name ?? "unknown",
        ["account"] = new JsonObject { ["homePage"] = "urn:skillsledger:api-key", ["name"] = http.User.FindFirst(LedgerClaims.KeyId)?.Value ?? http.User.Identity?.Name ?? "unknown" },
    };

    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
