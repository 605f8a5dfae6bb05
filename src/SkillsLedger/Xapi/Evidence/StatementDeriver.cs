using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.Validation;

namespace SkillsLedger.Xapi;

/// <summary>What a statement became: events, or the state saying why not (EvidenceState).</summary>
public sealed record Derived(string State, IReadOnlyList<ILedgerEvent> Events)
{
    public static Derived Not(string state) => new(state, []);
}

/// <summary>
/// The default rules of docs/xapi.md ("Statements → ledger events"): one valid, stored statement and the
/// organisation's mapping in, the events it stands for out. Pure: no database, no clock. Event ids derive from the
/// statement id (<c>xapi:{statementId}:course|skill</c>), so a statement derived twice yields the same events.
/// </summary>
public static partial class StatementDeriver
{
    public const string Satisfied = "https://w3id.org/xapi/adl/verbs/satisfied";
    public const string Completed = "http://adlnet.gov/expapi/verbs/completed";
    public const string Passed = "http://adlnet.gov/expapi/verbs/passed";
    public const string Failed = "http://adlnet.gov/expapi/verbs/failed";
    public const string Scored = "http://adlnet.gov/expapi/verbs/scored";
    public const string Mastered = "http://adlnet.gov/expapi/verbs/mastered";
    public const string Asserted = "https://w3id.org/xapi/tla/verbs/asserted";
    public const string Source = "xapi";

    public static Derived Derive(JsonObject s, XapiMappingSet? mapping, Func<string, SkillScale?> scales)
    {
        var verb = s["verb"]!["id"]!.GetValue<string>();
        var rule = RuleOf(verb);
        if (rule is Rule.None) return Derived.Not(EvidenceState.NotEvidence);
        if (mapping is null) return Derived.Not(EvidenceState.HeldBack("no_mapping"));
        if (mapping.DisabledVerbs.Contains(verb)) return Derived.Not(EvidenceState.NotEvidence);
        if (rule is Rule.Course && s["result"]?["completion"] is JsonValue c && !c.GetValue<bool>()) return Derived.Not(EvidenceState.NotEvidence);
        if (PersonOf(s["actor"] as JsonObject, mapping) is not { } person) return Derived.Not(EvidenceState.HeldBack("unknown_actor"));

        var id = s["id"]!.GetValue<string>().ToLowerInvariant();
        var at = DateTimeOffset.Parse(s["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var iris = Activities(s);
        switch (rule)
        {
            case Rule.Course:
            {
                if (iris.Select(i => mapping.Courses.FirstOrDefault(c => c.Activity == i)).FirstOrDefault(c => c is not null) is not { } course)
                    // A cmi5 AU mapped to skills is completed on the way to its course: the course's own statement counts.
                    return Derived.Not(Link(iris, mapping.Activities) is null ? EvidenceState.HeldBack("unmapped_activity") : EvidenceState.NotEvidence);
                var hours = DurationHours(s["result"]?["duration"]?.GetValue<string>()) ?? course.Hours;
                return Made(new CourseCompleted(person, course.CourseId, course.ProgramId, hours, null, null, at, $"xapi:{id}:course", Source, id));
            }
            case Rule.Test:
            {
                if (Link(iris, mapping.Activities) is not { } link) return Derived.Not(EvidenceState.HeldBack("unmapped_activity"));
                var fallback = verb switch { Passed => link.PassLevel ?? link.DefaultLevel, Mastered => link.MasteryLevel ?? scales(link.Skill)?.ScaleMax, _ => null };
                return Assessed(s, person, link, fallback, AssessmentMethod.Test, null, scales, at, id);
            }
            case Rule.Asserted:
            {
                if (Link(iris.Take(1), mapping.Competencies) is not { } link) return Derived.Not(EvidenceState.HeldBack("unmapped_competency"));
                var instructor = s["context"]?["instructor"] as JsonObject;
                var others = s["context"]?["team"] is not null || s["context"]?["contextAgents"] is not null;
                var method = instructor is not null ? (Trusted(s, mapping) ? AssessmentMethod.Manager : AssessmentMethod.Peer)
                    : others ? AssessmentMethod.Peer : AssessmentMethod.Self;
                return Assessed(s, person, link, link.DefaultLevel, method, PersonOf(instructor, mapping), scales, at, id);
            }
            default: // certified / conferred
            {
                if (Link(iris.Take(1), mapping.Credentials) is not { } link) return Derived.Not(EvidenceState.HeldBack("unmapped_credential"));
                if (!Trusted(s, mapping)) return Derived.Not(EvidenceState.HeldBack("untrusted_authority"));
                return Assessed(s, person, link, link.DefaultLevel, AssessmentMethod.Certification, null, scales, at, id, scoreCounts: false);
            }
        }
    }

    private enum Rule { None, Course, Test, Asserted, Credential }

    private static Rule RuleOf(string verb) => verb switch
    {
        Satisfied or Completed => Rule.Course,
        Passed or Failed or Scored or Mastered => Rule.Test,
        Asserted => Rule.Asserted,
        _ when verb.EndsWith("/certified", StringComparison.Ordinal) || verb.EndsWith("/conferred", StringComparison.Ordinal) => Rule.Credential,
        _ => Rule.None,
    };

    private static Derived Made(ILedgerEvent e) => new(EvidenceState.Derived, [e]);

    private static Derived Assessed(JsonObject s, string person, XapiSkillLink link, decimal? fallback, AssessmentMethod method,
        string? assessor, Func<string, SkillScale?> scales, DateTimeOffset at, string id, bool scoreCounts = true)
    {
        if (scales(link.Skill) is not { } scale) return Derived.Not(EvidenceState.HeldBack("undefined_skill"));
        var level = (scoreCounts ? LevelOf(s["result"]?["score"] as JsonObject, scale) : null) ?? fallback;
        if (level is null) return Derived.Not(EvidenceState.HeldBack("no_level"));
        return Made(new SkillAssessed(person, link.Skill, level.Value, method, assessor, null, at, $"xapi:{id}:skill", Source, id));
    }

    /// <summary>
    /// A score on the skill's own scale: scaled (or (raw − min)/(max − min) when only raw, min and max are given),
    /// clamped to 0..1, placed on the scale as min + scaled·(max − min), rounded half away from zero to one decimal.
    /// </summary>
    public static decimal? LevelOf(JsonObject? score, SkillScale scale)
    {
        if (score is null) return null;
        decimal? scaled = score["scaled"]?.GetValue<decimal>();
        if (scaled is null && score["raw"] is { } raw && score["min"] is { } min && score["max"] is { } max && max.GetValue<decimal>() > min.GetValue<decimal>())
            scaled = (raw.GetValue<decimal>() - min.GetValue<decimal>()) / (max.GetValue<decimal>() - min.GetValue<decimal>());
        if (scaled is null) return null;
        var clamped = Math.Clamp(scaled.Value, 0m, 1m);
        return Math.Round(scale.ScaleMin + clamped * (scale.ScaleMax - scale.ScaleMin), 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>The person an xAPI agent stands for: by account, by mbox (case-insensitive, through its SHA-1) or by mbox_sha1sum.</summary>
    public static string? PersonOf(JsonObject? agent, XapiMappingSet mapping)
    {
        if (agent is null) return null;
        if (agent["account"] is JsonObject acc)
        {
            var (home, name) = (acc["homePage"]!.GetValue<string>(), acc["name"]!.GetValue<string>());
            return mapping.Actors.FirstOrDefault(a => a.AccountHomePage == home && a.AccountName == name)?.PersonId;
        }
        var sha1 = agent["mbox"] is { } m ? XapiMappingSet.MboxSha1(m.GetValue<string>())
            : agent["mbox_sha1sum"]?.GetValue<string>().ToLowerInvariant();
        return sha1 is null ? null : mapping.Actors.FirstOrDefault(a => a.MboxSha1sum == sha1)?.PersonId;
    }

    /// <summary>The statement's object, then its grouping context activities (where cmi5 puts the AU's publisher id).</summary>
    private static List<string> Activities(JsonObject s)
    {
        var list = new List<string>();
        if (s["object"] is JsonObject o && StatementFacts.ObjectType(o, "Activity") == "Activity") list.Add(o["id"]!.GetValue<string>());
        if (s["context"]?["contextActivities"]?["grouping"] is JsonArray grouping)
            list.AddRange(grouping.OfType<JsonObject>().Select(g => g["id"]!.GetValue<string>()));
        return list;
    }

    private static XapiSkillLink? Link(IEnumerable<string> iris, IReadOnlyList<XapiSkillLink> links) =>
        iris.Select(i => links.FirstOrDefault(l => l.Iri == i)).FirstOrDefault(l => l is not null);

    /// <summary>Whether the API key that sent the statement (its authority) may produce manager and certification evidence.</summary>
    private static bool Trusted(JsonObject s, XapiMappingSet mapping) =>
        s["authority"]?["account"]?["name"]?.GetValue<string>() is { } key && mapping.TrustedKeys.Contains(key);

    /// <summary>
    /// Hours of an ISO 8601 duration (PnYnMnWnDTnHnMnS, fractions allowed), rounded to two decimals; a year counts
    /// 365 days and a month 30. Null when absent.
    /// </summary>
    public static decimal? DurationHours(string? duration)
    {
        if (duration is null || DurationPattern().Match(duration) is not { Success: true } m) return null;
        decimal Part(string name, decimal hoursPer) =>
            m.Groups[name].Success && decimal.TryParse(m.Groups[name].Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)
                ? v * hoursPer : 0m;
        var hours = Part("y", 365 * 24) + Part("mo", 30 * 24) + Part("w", 7 * 24) + Part("d", 24) + Part("h", 1) + Part("mi", 1m / 60) + Part("s", 1m / 3600);
        return Math.Min(Math.Round(hours, 2, MidpointRounding.AwayFromZero), 10_000m);
    }

    [GeneratedRegex(@"^P(?:(?<y>[\d.,]+)Y)?(?:(?<mo>[\d.,]+)M)?(?:(?<w>[\d.,]+)W)?(?:(?<d>[\d.,]+)D)?(?:T(?:(?<h>[\d.,]+)H)?(?:(?<mi>[\d.,]+)M)?(?:(?<s>[\d.,]+)S)?)?$")]
    private static partial Regex DurationPattern();
}

/// <summary>The values of ledger_xapi_statements.evidence, counted by `skillsledger xapi status`.</summary>
public static class EvidenceState
{
    /// <summary>Events were appended (or, for a voiding statement, retractions).</summary>
    public const string Derived = "derived";
    /// <summary>The verb has no rule, or it is switched off, or the statement says the activity was not completed.</summary>
    public const string NotEvidence = "not_evidence";
    public const string HeldBackPrefix = "held_back:";
    public static string HeldBack(string reason) => HeldBackPrefix + reason;
}
