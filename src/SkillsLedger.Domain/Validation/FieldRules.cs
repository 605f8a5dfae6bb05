using SkillsLedger.Domain.Events;

namespace SkillsLedger.Domain.Validation;

/// <summary>Rules on one event's own values, needing no ledger state: each event type states its own (Violations()).</summary>
internal static class FieldRules
{
    public static bool Check(ILedgerEvent evt, int? index, string prefix, List<FieldError> errors)
    {
        var before = errors.Count;
        foreach (var (field, message) in evt.Violations())
            errors.Add(new FieldError(index, prefix.Length == 0 ? field : $"{prefix}.{field}", message));
        return errors.Count == before;
    }
}
