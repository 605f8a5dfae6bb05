using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillsLedger.Xapi;

/// <summary>
/// The three xAPI document resources: State (activityId, agent, registration; stateId), Activity Profile (activityId;
/// profileId), Agent Profile (agent; profileId). PUT replaces, POST merges JSON objects, DELETE removes; ETags give
/// optimistic concurrency (If-Match / If-None-Match → 412; a PUT over an existing profile without either → 409).
/// </summary>
public sealed record DocumentKind(string Name, string IdParam, bool ActivityScoped, bool AgentScoped, bool HasRegistration)
{
    public static readonly DocumentKind State = new("state", "stateId", true, true, true);
    public static readonly DocumentKind ActivityProfile = new("activity_profile", "profileId", true, false, false);
    public static readonly DocumentKind AgentProfile = new("agent_profile", "profileId", false, true, false);

    private string[] Params => [.. new[] { ActivityScoped ? "activityId" : null, AgentScoped ? "agent" : null, HasRegistration ? "registration" : null, IdParam, "since" }.OfType<string>()];

    /// <returns>The scope key, or a message naming the bad parameter.</returns>
    private (string? Scope, string? Error) Scope(HttpContext http)
    {
        if (XapiRequest.Unknown(http, Params) is { } p) return (null, $"parameter '{p}' is not allowed here (names are case-sensitive)");
        var parts = new List<string>();
        if (ActivityScoped)
        {
            var activity = XapiRequest.Param(http, "activityId");
            if (activity is null || !Uri.TryCreate(activity, UriKind.Absolute, out _)) return (null, "activityId is required and must be an IRI");
            parts.Add(activity);
        }
        if (AgentScoped)
        {
            if (AgentParam.Key(XapiRequest.Param(http, "agent")) is not { } agent) return (null, "agent is required and must be a JSON Agent");
            parts.Add(agent);
        }
        if (HasRegistration)
        {
            var reg = XapiRequest.Param(http, "registration");
            if (reg is not null && !Guid.TryParse(reg, out _)) return (null, "registration must be a UUID");
            parts.Add(reg?.ToLowerInvariant() ?? "");
        }
        return (string.Join("\n", parts), null);
    }

    public async Task<IResult> GetAsync(HttpContext http, DocumentStore store, CancellationToken ct)
    {
        var (scope, error) = Scope(http);
        if (error is not null) return XapiResults.BadRequest(http, error);
        var org = XapiRequest.Organisation(http);
        if (XapiRequest.Param(http, IdParam) is { } id)
        {
            if (XapiRequest.Param(http, "since") is not null) return XapiResults.BadRequest(http, $"since is not allowed with {IdParam}");
            var doc = await store.GetAsync(org, Name, scope!, id, ct);
            if (doc is null) return XapiResults.NotFound(http, $"no document {id}");
            http.Response.Headers.ETag = Quoted(doc.ETag);
            http.Response.Headers.LastModified = doc.Updated.ToString("R", CultureInfo.InvariantCulture);
            return Results.Bytes(doc.Content, doc.ContentType);
        }
        DateTimeOffset? since = null;
        if (XapiRequest.Param(http, "since") is { } s)
        {
            if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v)) return XapiResults.BadRequest(http, "since must be an ISO 8601 timestamp");
            since = v;
        }
        return Results.Json(await store.IdsAsync(org, Name, scope!, since, ct));
    }

    public Task<IResult> PutAsync(HttpContext http, DocumentStore store, TimeProvider clock, CancellationToken ct) => WriteAsync(http, store, clock, merge: false, ct);
    public Task<IResult> PostAsync(HttpContext http, DocumentStore store, TimeProvider clock, CancellationToken ct) => WriteAsync(http, store, clock, merge: true, ct);

    private async Task<IResult> WriteAsync(HttpContext http, DocumentStore store, TimeProvider clock, bool merge, CancellationToken ct)
    {
        var (scope, error) = Scope(http);
        if (error is not null) return XapiResults.BadRequest(http, error);
        if (XapiRequest.Param(http, "since") is not null) return XapiResults.BadRequest(http, "since is only for GET");
        if (XapiRequest.Param(http, IdParam) is not { } id) return XapiResults.BadRequest(http, $"{IdParam} is required");
        var org = XapiRequest.Organisation(http);
        var existing = await store.GetAsync(org, Name, scope!, id, ct);
        if (Precondition(http, existing) is { } failed) return failed;
        // xAPI 1.0.3 (Communication 2.6/2.7, as ADL's suite reads it): a profile PUT without If-Match or If-None-Match
        // is a 400 when the profile does not exist yet (and a 409, below, when it does).
        if (!merge && existing is null && Name != "state" && !HasPrecondition(http) && XapiVersion.Of(http) == "1.0.3")
            return XapiResults.BadRequest(http, "xAPI 1.0.3: a PUT to a profile needs If-Match (its ETag) or If-None-Match: * (create only)");
        if (!merge && existing is not null && !HasPrecondition(http) && (Name != "state" || XapiVersion.Of(http) == "2.0.0"))
            return XapiResults.Conflict(http, "the document exists: send If-Match with its ETag (or If-None-Match: * to create only)");
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        var content = buffer.ToArray();
        var type = http.Request.ContentType ?? "application/octet-stream";
        var isJson = type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);
        if (merge)
        {
            if (!isJson || !TryObject(content, out var sent)) return XapiResults.BadRequest(http, "POST merges JSON objects: send application/json holding an object (or use PUT)");
            if (existing is not null)
            {
                if (!existing.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || !TryObject(existing.Content, out var old))
                    return XapiResults.BadRequest(http, "the stored document is not a JSON object, so it cannot be merged; use PUT");
                foreach (var (k, v) in sent!) old![k] = v?.DeepClone();
                content = JsonSerializer.SerializeToUtf8Bytes(old);
            }
            type = "application/json";
        }
        else if (isJson && !TryJson(content)) return XapiResults.BadRequest(http, "the body is not valid JSON");
        var etag = Convert.ToHexStringLower(SHA1.HashData(content));
        await store.PutAsync(org, Name, scope!, new DocumentStore.Document(id, type, content, etag, clock.GetUtcNow()), ct);
        return Results.NoContent();
    }

    public async Task<IResult> DeleteAsync(HttpContext http, DocumentStore store, CancellationToken ct)
    {
        var (scope, error) = Scope(http);
        if (error is not null) return XapiResults.BadRequest(http, error);
        if (XapiRequest.Param(http, "since") is not null) return XapiResults.BadRequest(http, "since is only for GET");
        var id = XapiRequest.Param(http, IdParam);
        if (id is null && Name != "state") return XapiResults.BadRequest(http, $"{IdParam} is required");
        var org = XapiRequest.Organisation(http);
        if (id is not null && Precondition(http, await store.GetAsync(org, Name, scope!, id, ct)) is { } failed) return failed;
        await store.DeleteAsync(org, Name, scope!, id, ct);
        return Results.NoContent();
    }

    private static bool HasPrecondition(HttpContext http) => http.Request.Headers.IfMatch.Count > 0 || http.Request.Headers.IfNoneMatch.Count > 0;

    private static IResult? Precondition(HttpContext http, DocumentStore.Document? existing)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && (existing is null || ifMatch != "*" && !ifMatch.Split(',').Select(t => t.Trim().Trim('"')).Contains(existing.ETag)))
            return Results.Problem(statusCode: 412, title: "Precondition failed", detail: "If-Match does not name the document's current ETag");
        if (http.Request.Headers.IfNoneMatch.ToString() == "*" && existing is not null)
            return Results.Problem(statusCode: 412, title: "Precondition failed", detail: "If-None-Match: * but the document exists");
        return null;
    }

    private static string Quoted(string etag) => "\"" + etag + "\"";

    private static bool TryObject(byte[] content, out JsonObject? obj)
    {
        try { obj = JsonNode.Parse(content) as JsonObject; }
        catch (JsonException) { obj = null; }
        return obj is not null;
    }

    private static bool TryJson(byte[] content)
    {
        try { JsonDocument.Parse(content).Dispose(); return true; }
        catch (JsonException) { return false; }
    }
}
