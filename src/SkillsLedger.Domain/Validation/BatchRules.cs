using SkillsLedger.Domain.Events;

namespace SkillsLedger.Domain.Validation;

/// <summary>A skill's scale as the catalogue defines it.</summary>
public sealed record SkillScale(string Skill, decimal ScaleMin, decimal ScaleMax);

/// <summary>What the ledger already holds about an event id.</summary>
public sealed record KnownEvent(string EventId, string Type, string StreamKey);

/// <summary>Ledger state the batch rules consult; the host fills it with one query per batch.</summary>
public interface ILedgerLookup
{
    SkillScale? FindSkill(string skill);
    KnownEvent? FindEvent(string eventId);
}

/// <summary>
/// Rules that need ledger state. Earlier events of the same batch count as known, so one batch may define a
/// skill and assess it. Events whose eventId is already stored are duplicates: reported, never appended.
/// </summary>
public static class BatchRules
{
    /// <summary>How far in the future an occurredAt may be (clock skew between source systems).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromHours(24);

    public sealed record Outcome(IReadOnlyList<ILedgerEvent> ToAppend, IReadOnlyList<string> Duplicates, IReadOnlyList<FieldError> Errors);

    public static Outcome Check(IReadOnlyList<ILedgerEvent> batch, ILedgerLookup ledger, DateTimeOffset now, string prefix = "events")
    {
        var errors = new List<FieldError>();
        var toAppend = new List<ILedgerEvent>();
        var duplicates = new List<string>();
        var batchSkills = new Dictionary<string, SkillScale>(StringComparer.Ordinal);
        var batchEvents = new Dictionary<string, KnownEvent>(StringComparer.Ordinal);

        SkillScale? Skill(string id) => batchSkills.GetValueOrDefault(id) ?? ledger.FindSkill(id);

        for (var i = 0; i < batch.Count; i++)
        {
            var e = batch[i];
            var at = $"{prefix}[{i}]";
            void Fail(string field, string message) => errors.Add(new FieldError(i, $"{at}.{field}", message));

            if (e.EventId is { } id)
            {
                if (batchEvents.ContainsKey(id)) { Fail("eventId", $"'{id}' appears more than once in this batch"); continue; }
                if (ledger.FindEvent(id) is not null) { duplicates.Add(id); continue; }
            }
            if (e.OccurredAt > now + FutureTolerance)
                Fail("occurredAt", $"{e.OccurredAt:O} is more than 24 h in the future");

            switch (e)
            {
                case SkillDefined s:
                    batchSkills[s.Skill] = new SkillScale(s.Skill, s.ScaleMin, s.ScaleMax);
                    if (s.LevelLabels is { Count: > 0 } labels && s.ScaleMin == Math.Floor(s.ScaleMin) && s.ScaleMax == Math.Floor(s.ScaleMax)
                        && LevelCount(s.ScaleMin, s.ScaleMax) is var levels && levels != labels.Count)
                        Fail("levelLabels", $"must have one label per level ({levels}) or be left out");
                    break;
                case SkillAssessed a:
                    CheckLevel(Skill(a.Skill), a.Skill, a.Level, "skill", "level", Fail);
                    break;
                case RoleProfileDefined r:
                    for (var k = 0; k < r.Requirements.Count; k++)
                        CheckLevel(Skill(r.Requirements[k].Skill), r.Requirements[k].Skill, r.Requirements[k].Level,
                            $"requirements[{k}].skill", $"requirements[{k}].level", Fail);
                    break;
                case CourseDefined c:
                    for (var k = 0; k < c.Skills.Count; k++)
                    {
                        var scale = Skill(c.Skills[k].Skill);
                        if (c.Skills[k].TargetLevel is { } targetLevel)
                            CheckLevel(scale, c.Skills[k].Skill, targetLevel, $"skills[{k}].skill", $"skills[{k}].targetLevel", Fail);
                        else if (scale is null)
                            Fail($"skills[{k}].skill", $"skill '{c.Skills[k].Skill}' is not defined (send a skill_defined event first)");
                    }
                    break;
                case XapiMappingSet m:
                    foreach (var (links, list) in new[] { (m.Activities, "activities"), (m.Competencies, "competencies"), (m.Credentials, "credentials") })
                        for (var k = 0; k < links.Count; k++)
                        {
                            var l = links[k];
                            var scale = Skill(l.Skill);
                            if (scale is null) { Fail($"{list}[{k}].skill", $"skill '{l.Skill}' is not defined (send a skill_defined event first)"); continue; }
                            foreach (var (field, level) in new[] { (list == "credentials" ? "level" : "defaultLevel", l.DefaultLevel), ("passLevel", l.PassLevel), ("masteryLevel", l.MasteryLevel) })
                                if (level is { } v) CheckLevel(scale, l.Skill, v, $"{list}[{k}].skill", $"{list}[{k}].{field}", Fail);
                        }
                    break;
                case StrategicGoalSet g:
                    for (var k = 0; k < g.Targets.Count; k++)
                        CheckLevel(Skill(g.Targets[k].Skill), g.Targets[k].Skill, g.Targets[k].Level,
                            $"targets[{k}].skill", $"targets[{k}].level", Fail);
                    break;
                case AssessmentRetracted x:
                    var target = batchEvents.GetValueOrDefault(x.RetractsEventId) ?? ledger.FindEvent(x.RetractsEventId);
                    if (target is null)
                        Fail("retractsEventId", $"no event '{x.RetractsEventId}' is in the ledger");
                    else if (target.Type != EventTypes.NameOf<SkillAssessed>())
                        Fail("retractsEventId", $"'{x.RetractsEventId}' is a {target.Type}; only skill_assessed events can be retracted");
                    else if (target.StreamKey != StreamKeys.Person(x.PersonId))
                        Fail("retractsEventId", $"'{x.RetractsEventId}' is an assessment of another person");
                    break;
            }
            if (e.EventId is { } known) batchEvents[known] = new KnownEvent(known, e.Type, StreamKeys.For(e));
            toAppend.Add(e);
        }
        return new Outcome(toAppend, duplicates, errors);
    }

    /// <summary>Levels of a whole-number scale; huge scales (no label list can fit them) must not overflow into a 500.</summary>
    private static decimal LevelCount(decimal min, decimal max)
    {
        try { return Math.Floor(max - min) + 1; }
        catch (OverflowException) { return decimal.MaxValue; }
    }

    private static void CheckLevel(SkillScale? scale, string skill, decimal level, string skillField, string levelField, Action<string, string> fail)
    {
        if (scale is null) fail(skillField, $"skill '{skill}' is not defined (send a skill_defined event first)");
        else if (level < scale.ScaleMin || level > scale.ScaleMax)
            fail(levelField, $"{level} is outside the scale of '{skill}' ({scale.ScaleMin}–{scale.ScaleMax})");
    }
}
