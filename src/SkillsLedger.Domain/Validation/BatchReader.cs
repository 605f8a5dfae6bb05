using System.Text.Json;
using SkillsLedger.Domain.Events;

namespace SkillsLedger.Domain.Validation;

/// <summary>
/// Reads a request envelope {"events": [...]} (and, for one person's stream, "expectedVersion"), checking
/// every event's shape. The whole batch is read before anything is written, so one bad event rejects all.
/// </summary>
public static class BatchReader
{
    public const int MaxEvents = 10_000;

    public sealed record Batch(IReadOnlyList<ILedgerEvent> Events, long? ExpectedVersion, IReadOnlyList<FieldError> Errors, bool TooMany)
    {
        public bool Ok => Errors.Count == 0 && !TooMany;
    }

    /// <param name="personId">When set (the person route), events must be that person's; a missing personId is filled in.</param>
    public static Batch Read(JsonElement root, string? personId = null)
    {
        var errors = new List<FieldError>();
        long? expectedVersion = null;
        foreach (var p in root.EnumerateObject())
        {
            if (p.Name == "events") continue;
            if (p.Name == "expectedVersion" && personId is not null)
            {
                if (p.Value.ValueKind == JsonValueKind.Null) continue;
                if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetInt64(out var v) || v < 0)
                    errors.Add(new FieldError(null, "expectedVersion", "must be a whole number ≥ 0 (0 = the person's stream must not exist yet)"));
                else expectedVersion = v;
                continue;
            }
            errors.Add(new FieldError(null, p.Name, personId is null
                ? "is not a field of the request (send {\"events\": [...]})"
                : "is not a field of the request (send {\"expectedVersion\": n, \"events\": [...]})"));
        }
        if (!root.TryGetProperty("events", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError(null, "events", "is required: an array of events"));
            return new Batch([], expectedVersion, errors, false);
        }
        var count = array.GetArrayLength();
        if (count > MaxEvents)
            return new Batch([], expectedVersion, [new FieldError(null, "events", $"has {count} events; the limit is {MaxEvents} per request")], true);
        if (count == 0) errors.Add(new FieldError(null, "events", "must contain at least one event"));

        var events = new List<ILedgerEvent>(count);
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var element = item;
            var evt = EventReader.Read(element, i, $"events[{i}]", errors, personId);
            if (evt is not null)
            {
                if (personId is not null && evt is not IPersonEvent)
                    errors.Add(new FieldError(i, $"events[{i}].type", $"{evt.Type} is not a person event; send it to POST /api/events"));
                else if (personId is not null && evt is IPersonEvent pe && pe.PersonId != personId)
                    errors.Add(new FieldError(i, $"events[{i}].personId", $"'{pe.PersonId}' differs from the person in the URL ('{personId}')"));
                else events.Add(evt);
            }
            i++;
        }
        return new Batch(events, expectedVersion, errors, false);
    }
}
