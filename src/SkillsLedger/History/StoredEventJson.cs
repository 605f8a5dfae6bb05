using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx.Events;
using SkillsLedger.Domain.Events;
using SkillsLedger.Infrastructure;
using SkillsLedger.Privacy;

namespace SkillsLedger.History;

/// <summary>
/// An event as the ledger hands it back: the client's fields exactly as stored, plus what the server added —
/// global sequence, stream version, when the ledger learned it (recordedAt), who recorded it, and the correlation id.
/// </summary>
public static class StoredEventJson
{
    /// <param name="keys">Person keys of the organisation (null value = erased); personal fields are decrypted with them.</param>
    public static JsonObject Render(IEvent e, string organisation, IReadOnlyDictionary<string, byte[]?> keys)
    {
        var json = new JsonObject { ["type"] = e.EventTypeName };
        if (JsonSerializer.SerializeToNode(e.Data, e.Data.GetType(), LedgerJson.Options) is JsonObject data)
            foreach (var (name, value) in data.ToList())
            {
                data.Remove(name);
                json[name] = e.Data is IPersonEvent p && value is JsonValue v && v.TryGetValue<string>(out var text)
                                                      && text.StartsWith(PersonalDataCipher.Prefix, StringComparison.Ordinal)
                    ? PersonalDataCipher.Reveal(text, organisation, p.PersonId, keys.GetValueOrDefault(p.PersonId))
                    : value;
            }
        json["sequence"] = e.Sequence;
        json["version"] = e.Version;
        json["stream"] = e.StreamKey;
        json["recordedAt"] = e.Timestamp;
        json["recordedBy"] = e.UserName;
        json["correlationId"] = e.CorrelationId;
        return json;
    }

    /// <summary>The keys needed to render these events (one query).</summary>
    public static async Task<IReadOnlyDictionary<string, byte[]?>> KeysForAsync(LedgerDatabase db, string organisation, IEnumerable<IEvent> events, CancellationToken ct)
    {
        var people = events.Select(e => e.Data).OfType<IPersonEvent>().Where(PersonalDataCipher.HasPersonalData).Select(p => p.PersonId).Distinct().ToList();
        if (people.Count == 0) return new Dictionary<string, byte[]?>();
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        return await PersonKeys.LoadAsync(conn, organisation, people, ct);
    }
}
