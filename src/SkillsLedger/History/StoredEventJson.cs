using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx.Events;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.History;

/// <summary>
/// An event as the ledger hands it back: the client's fields exactly as stored, plus what the server added —
/// global sequence, stream version, when the ledger learned it (recordedAt), who recorded it, and the correlation id.
/// </summary>
public static class StoredEventJson
{
    public static JsonObject Render(IEvent e)
    {
        var json = new JsonObject { ["type"] = e.EventTypeName };
        if (JsonSerializer.SerializeToNode(e.Data, e.Data.GetType(), LedgerJson.Options) is JsonObject data)
            foreach (var (name, value) in data.ToList())
            {
                data.Remove(name);
                json[name] = value;
            }
        json["sequence"] = e.Sequence;
        json["version"] = e.Version;
        json["stream"] = e.StreamKey;
        json["recordedAt"] = e.Timestamp;
        json["recordedBy"] = e.UserName;
        json["correlationId"] = e.CorrelationId;
        return json;
    }
}
