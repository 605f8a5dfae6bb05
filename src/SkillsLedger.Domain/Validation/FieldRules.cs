using SkillsLedger.Domain.Events;

namespace SkillsLedger.Domain.Validation;

/// <summary>Rules on one event's own values, needing no ledger state.</summary>
internal static class FieldRules
{
    public static bool Check(ILedgerEvent evt, int? index, string prefix, List<FieldError> errors)
    {
        var before = errors.Count;
        void Fail(string field, string message) => errors.Add(new FieldError(index, prefix.Length == 0 ? field : $"{prefix}.{field}", message));

        switch (evt)
        {
            case SkillDefined s:
                if (s.ScaleMin >= s.ScaleMax) Fail("scaleMax", $"must be greater than scaleMin ({s.ScaleMin})");
                break;
            case RoleProfileDefined r:
                if (r.Requirements.Count == 0) Fail("requirements", "must list at least one {skill, level}");
                foreach (var dup in r.Requirements.GroupBy(q => q.Skill).Where(g => g.Count() > 1))
                    Fail("requirements", $"lists skill '{dup.Key}' more than once");
                break;
            case PersonMoved m:
                if (m.Department is null && m.Role is null && m.Team is null)
                    Fail("department", "a move must change at least one of department, role, team");
                break;
            case CourseCompleted c:
                if (c.Hours < 0) Fail("hours", "must be ≥ 0");
                if (c.Hours > 10_000) Fail("hours", "must be at most 10000");
                if (c.Score is < 0 or > 100) Fail("score", "must be between 0 and 100");
                break;
            case PersonHired h:
                if (h.MonthlySalary < 0) Fail("monthlySalary", "must be ≥ 0");
                break;
            case ProgramCost p:
                if (p.Amount < 0) Fail("amount", "must be ≥ 0");
                if (!Currencies.IsIso4217(p.Currency)) Fail("currency", $"'{p.Currency}' is not an ISO 4217 currency code (e.g. EUR, USD, GBP)");
                break;
        }
        return errors.Count == before;
    }
}
