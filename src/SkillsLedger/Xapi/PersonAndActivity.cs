using System.Text.Json.Nodes;

namespace SkillsLedger.Xapi;

/// <summary>GET /xapi/agents (the Person object of an agent) and GET /xapi/activities (what the stored statements say of an activity).</summary>
public static class PersonAndActivity
{
    public static IResult Agents(HttpContext http)
    {
        if (XapiRequest.Unknown(http, "agent") is { } p) return XapiResults.BadRequest(http, $"parameter '{p}' is not allowed on /agents");
        if (AgentParam.Parse(XapiRequest.Param(http, "agent")) is not { } agent) return XapiResults.BadRequest(http, "agent is required and must be a JSON Agent");
        var person = new JsonObject { ["objectType"] = "Person" };
        foreach (var key in new[] { "name", "mbox", "mbox_sha1sum", "openid", "account" })
            if (agent[key] is { } value) person[key] = new JsonArray(value.DeepClone());
        return Results.Json(person);
    }

    public static async Task<IResult> ActivitiesAsync(HttpContext http, StatementStore store, CancellationToken ct)
    {
        if (XapiRequest.Unknown(http, "activityId") is { } p) return XapiResults.BadRequest(http, $"parameter '{p}' is not allowed on /activities");
        var id = XapiRequest.Param(http, "activityId");
        if (id is null || !Uri.TryCreate(id, UriKind.Absolute, out _)) return XapiResults.BadRequest(http, "activityId is required and must be an IRI");
        var definition = new JsonObject();
        foreach (var json in await store.ActivityMentionsAsync(XapiRequest.Organisation(http), id, ct))
            foreach (var d in Definitions(JsonNode.Parse(json), id)) Merge(definition, d);
        var activity = new JsonObject { ["objectType"] = "Activity", ["id"] = id };
        if (definition.Count > 0) activity["definition"] = definition;
        return Results.Json(activity);
    }

    /// <summary>Every definition of the activity anywhere in a statement (object, context activities, sub-statement).</summary>
    private static IEnumerable<JsonObject> Definitions(JsonNode? node, string id)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["id"] is JsonValue v && v.TryGetValue<string>(out var s) && s == id && o["definition"] is JsonObject d) yield return d;
                foreach (var (k, child) in o)
                    if (k != "definition" && k != "extensions")
                        foreach (var found in Definitions(child, id)) yield return found;
                break;
            case JsonArray a:
                foreach (var item in a)
                    foreach (var found in Definitions(item, id)) yield return found;
                break;
        }
    }

    /// <summary>Later statements win per property; language maps gain the languages they add.</summary>
    private static void Merge(JsonObject into, JsonObject from)
    {
        foreach (var (k, v) in from)
        {
            if (k is "name" or "description" && into[k] is JsonObject map && v is JsonObject more)
                foreach (var (lang, text) in more) map[lang] = text?.DeepClone();
            else into[k] = v?.DeepClone();
        }
    }
}
