using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SkillsLedger.Xapi;

/// <summary>GET /xapi/statements: one statement by statementId / voidedStatementId, or a filtered page with a `more` link.</summary>
public static class StatementReads
{
    public const int DefaultLimit = 100;
    private static readonly string[] Filters = ["agent", "verb", "activity", "registration", "related_activities", "related_agents", "since", "until", "limit", "format", "attachments", "ascending", "cursor"];

    public static async Task<IResult> GetAsync(HttpContext http, StatementStore store, AttachmentStore attachments, TimeProvider clock, CancellationToken ct)
    {
        http.Response.Headers["X-Experience-API-Consistent-Through"] = StatementWrites.Timestamp(clock.GetUtcNow());
        var org = XapiRequest.Organisation(http);
        var q = http.Request.Query;
        if (XapiRequest.Unknown(http, [.. Filters, "statementId", "voidedStatementId"]) is { } p)
            return XapiResults.BadRequest(http, $"parameter '{p}' is not an xAPI statements parameter (names are case-sensitive)");
        if (XapiRequest.Param(http, "format") is { } format && format is not ("exact" or "ids" or "canonical"))
            return XapiResults.BadRequest(http, "format must be exact, ids or canonical");
        if (XapiRequest.Param(http, "attachments") is { } att && att is not ("true" or "false"))
            return XapiResults.BadRequest(http, "attachments must be true or false");
        var single = XapiRequest.Param(http, "statementId");
        var voided = XapiRequest.Param(http, "voidedStatementId");
        if (single is not null || voided is not null)
        {
            if (single is not null && voided is not null) return XapiResults.BadRequest(http, "give statementId or voidedStatementId, not both");
            if (XapiRequest.Unknown(http, "statementId", "voidedStatementId", "format", "attachments") is { } other)
                return XapiResults.BadRequest(http, $"parameter '{other}' is not allowed with statementId or voidedStatementId");
            var id = single ?? voided!;
            if (!Guid.TryParse(id, out _)) return XapiResults.BadRequest(http, "statementId must be a UUID");
            var found = await store.GetAsync(org, id, ct);
            if (found is null || found.Voided != (voided is not null))
                return XapiResults.NotFound(http, voided is not null ? $"no voided statement {id}" : $"no statement {id} (or it is voided)");
            var statement = JsonNode.Parse(found.Json)!;
            if (DateTimeOffset.TryParse(statement["stored"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var stored))
                http.Response.Headers.LastModified = stored.ToString("R", CultureInfo.InvariantCulture);
            var one = Format(http, statement);
            return await AnswerAsync(http, attachments, one, [one.AsObject()], ct);
        }
        var (query, error) = Read(http);
        if (error is not null) return XapiResults.BadRequest(http, error);
        var rows = await store.QueryAsync(org, query!, ct);
        var page = rows.Take(query!.Limit).ToList();
        var more = "";
        if (rows.Count > query.Limit)
        {
            var rest = string.Join("&", q.Where(kv => kv.Key != "cursor").Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value.ToString())}"));
            more = $"{http.Request.PathBase}{http.Request.Path}?{(rest.Length > 0 ? rest + "&" : "")}cursor={page[^1].Seq}";
        }
        var statements = page.Select(r => Format(http, JsonNode.Parse(r.Json)!).AsObject()).ToList();
        var result = new JsonObject { ["statements"] = new JsonArray([.. statements]), ["more"] = more };
        return await AnswerAsync(http, attachments, result, statements, ct);
    }

    /// <summary>JSON, or with attachments=true the multipart/mixed answer carrying the attachments' content.</summary>
    private static async Task<IResult> AnswerAsync(HttpContext http, AttachmentStore attachments, JsonNode answer, List<JsonObject> statements, CancellationToken ct) =>
        XapiRequest.Param(http, "attachments") == "true"
            ? await AttachmentResponse.CreateAsync(http, attachments, answer, statements, ct)
            : Json(answer);

    private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(), "application/json", Encoding.UTF8);

    private static (StatementQuery?, string?) Read(HttpContext http)
    {
        string? agent = null;
        if (XapiRequest.Param(http, "agent") is { } a)
        {
            if (AgentParam.Key(a) is not { } key) return (null, "agent must be a JSON Agent or identified Group");
            agent = key;
        }
        var verb = XapiRequest.Param(http, "verb");
        if (verb is not null && !Uri.TryCreate(verb, UriKind.Absolute, out _)) return (null, "verb must be an IRI");
        var activity = XapiRequest.Param(http, "activity");
        if (activity is not null && !Uri.TryCreate(activity, UriKind.Absolute, out _)) return (null, "activity must be an IRI");
        var registration = XapiRequest.Param(http, "registration");
        if (registration is not null && !Guid.TryParse(registration, out _)) return (null, "registration must be a UUID");
        bool? Flag(string name) => XapiRequest.Param(http, name) switch { null => false, "true" => true, "false" => false, _ => null };
        if (Flag("related_agents") is not { } relatedAgents) return (null, "related_agents must be true or false");
        if (Flag("related_activities") is not { } relatedActivities) return (null, "related_activities must be true or false");
        if (Flag("ascending") is not { } ascending) return (null, "ascending must be true or false");
        DateTimeOffset? since = null, until = null;
        if (XapiRequest.Param(http, "since") is { } s)
        {
            if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v)) return (null, "since must be an ISO 8601 timestamp");
            since = v;
        }
        if (XapiRequest.Param(http, "until") is { } u)
        {
            if (!DateTimeOffset.TryParse(u, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v)) return (null, "until must be an ISO 8601 timestamp");
            until = v;
        }
        var limit = DefaultLimit;
        if (XapiRequest.Param(http, "limit") is { } l)
        {
            if (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit)) return (null, "limit must be a non-negative integer");
            if (limit == 0 || limit > DefaultLimit) limit = DefaultLimit;
        }
        long? after = null;
        if (XapiRequest.Param(http, "cursor") is { } c)
        {
            if (!long.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return (null, "cursor is not one this LRS gave out");
            after = v;
        }
        return (new StatementQuery(agent, verb, activity, registration, relatedAgents, relatedActivities, since, until, limit, ascending, after), null);
    }

    /// <summary>format=ids: agents, groups, activities and verbs reduced to their identifiers.</summary>
    private static JsonNode Format(HttpContext http, JsonNode statement)
    {
        var format = XapiRequest.Param(http, "format");
        if (format == "ids") IdsOnly(statement.AsObject());
        else if (format == "canonical") Canonical.Apply(statement, Canonical.Languages(http.Request.Headers.AcceptLanguage.ToString()));
        return statement;
    }

    private static void IdsOnly(JsonObject s)
    {
        if (s["actor"] is JsonObject actor) IdentifyAgent(actor);
        if (s["verb"] is JsonObject verb) verb.Remove("display");
        if (s["object"] is JsonObject obj)
        {
            var type = StatementFacts.ObjectType(obj, "Activity");
            if (type == "Activity")
            {
                obj.Remove("definition");
                obj.Remove("objectType");
            }
            else if (type is "Agent" or "Group") IdentifyAgent(obj);
            else if (type == "SubStatement") IdsOnly(obj);
        }
        if (s["context"] is JsonObject c)
        {
            if (c["instructor"] is JsonObject i) IdentifyAgent(i);
            if (c["team"] is JsonObject t) IdentifyAgent(t);
            if (c["contextActivities"] is JsonObject ca)
                foreach (var (_, list) in ca)
                    foreach (var a in list is JsonArray arr ? arr.OfType<JsonObject>() : [list!.AsObject()]) a.Remove("definition");
        }
    }

    private static void IdentifyAgent(JsonObject a)
    {
        a.Remove("name");
        if (a["member"] is JsonArray members)
        {
            if (StatementFacts.AgentKey(a) is not null) a.Remove("member");
            else foreach (var m in members.OfType<JsonObject>()) m.Remove("name");
        }
    }
}
