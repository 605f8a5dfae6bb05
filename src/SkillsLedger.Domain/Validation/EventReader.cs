using System.Text.Json;
using SkillsLedger.Domain.Events;

namespace SkillsLedger.Domain.Validation;

/// <summary>
/// Turns one wire-format event (contract v1: camelCase JSON with a snake_case "type") into a typed event,
/// collecting every field problem. This is shape checking only; rules that need the ledger's state
/// (is the skill defined? does the retracted event exist?) live in <see cref="BatchRules"/>.
/// </summary>
public static class EventReader
{
    public const int MaxEventIdLength = 100;
    public const int MaxPersonIdLength = 64;
    public const int MaxIdLength = 100;

    public static ILedgerEvent? Read(JsonElement element, int? index, string prefix, List<FieldError> errors, string? defaultPersonId = null)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(index, prefix, "must be a JSON object"));
            return null;
        }
        var f = new JsonFields(element, index, prefix, errors) { DefaultPersonId = defaultPersonId };
        var type = f.RequiredString("type", 50);
        if (!f.Ok) return null;
        if (EventTypes.Find(type) is not { } eventType)
        {
            f.Fail("type", $"unknown event type '{type}' (known: {string.Join(", ", EventTypes.AllNames)})");
            return null;
        }

        var eventId = f.OptionalString("eventId", MaxEventIdLength);
        var occurredAt = f.RequiredTimestamp("occurredAt");
        var source = f.OptionalString("source", 100);
        // The event type's own reader, in the type's file (Events/People, Events/Catalogue).
        var evt = EventTypes.ReaderOf(eventType)(new EventFields(f, index, errors, eventId, occurredAt, source));
        f.RejectUnknown();
        if (!f.Ok) return null;
        return FieldRules.Check(evt, index, prefix, errors) ? evt : null;
    }
}
