using Npgsql;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.SkillLevels;
using SkillsLedger.Projections.Analytics;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.SkillLevels;

/// <summary>
/// Rule weighted-recency v1 has one definition, <see cref="WeightedRecencyRule"/>: its method weights, half-life and
/// formula. The person-level reads and lineage run it as it is; the BI tables (live projection and full rebuild) and
/// every "as of" figure run its SQL rendering (<see cref="AnalyticsSql"/>, <see cref="LevelsAt"/>), whose weights and
/// half-life are generated from it. This test holds the rendering to the definition on 600 random person-skills —
/// log order unlike time order, equal times, retractions, sub-second instants, every method, dates years apart — at
/// now and at random past dates: the same level and evidence weight to 12 significant digits (the two sum the same
/// doubles in the same order; only the last bits of a day count and a power may differ).
/// </summary>
// Own database, no host: it fills two analytics tables by hand.
public sealed class RuleAgreementTests : IAsyncLifetime
{
    private const string Org = "rule";
    private string _db = "";
    private readonly List<(string Person, string Skill, List<AssessmentEvidence> Assessments, List<RetractionEvidence> Retractions)> _cases = [];

    public async Task InitializeAsync()
    {
        _db = await TestCluster.CreateDatabaseAsync(nameof(RuleAgreementTests));
        var random = new Random(20261206);
        var start = new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var methods = Enum.GetValues<AssessmentMethod>();
        long sequence = 0;
        for (var k = 0; k < 600; k++)
        {
            var (person, skill) = ($"P{k / 3}", $"s{k % 3}");
            var assessments = new List<AssessmentEvidence>();
            var retractions = new List<RetractionEvidence>();
            var count = random.Next(1, 9);
            for (var i = 0; i < count; i++)
            {
                // Whole microseconds (what the tables keep); every fourth shares the previous one's time.
                var occurred = i > 0 && i % 4 == 0 ? assessments[^1].OccurredAt
                    : start.AddTicks(random.NextInt64(0, TimeSpan.FromDays(6 * 365).Ticks) / 10 * 10);
                sequence += random.Next(1, 50);
                var id = $"{person}-{skill}-{i}";
                assessments.Add(new AssessmentEvidence(new Provenance(sequence, id, occurred, "test", null), skill, occurred,
                    methods[random.Next(methods.Length)], Math.Round((decimal)(random.NextDouble() * 5), 2)));
            }
            // One in five person-skills has one assessment retracted (never the only one, so a level remains).
            if (count > 1 && random.Next(5) == 0)
            {
                var target = assessments[random.Next(count)];
                sequence += 1;
                retractions.Add(new RetractionEvidence(new Provenance(sequence, $"{target.Stored.EventId}-r", start, "test", null),
                    target.Stored.EventId, "wrong person", start));
            }
            _cases.Add((person, skill, assessments, retractions));
        }

        await using var conn = new NpgsqlConnection(_db);
        await conn.OpenAsync();
        await Execute(conn, """
            create schema analytics;
            create table analytics.skill_assessment (org_id text, event_id text, sequence bigint, person_id text, skill text, level numeric,
              method text, method_weight double precision, occurred_at timestamptz, recorded_at timestamptz, included boolean,
              retracted_by_event_id text);
            create table analytics.person_skill_level (org_id text, person_id text, skill text, rule_name text, rule_version integer,
              level double precision, evidence_weight double precision, assessments integer, last_assessed_at timestamptz)
            """);
        await using (var copy = await conn.BeginBinaryImportAsync(
            "copy analytics.skill_assessment (org_id, event_id, sequence, person_id, skill, level, method, method_weight, occurred_at, recorded_at, included, retracted_by_event_id) from stdin (format binary)"))
        {
            foreach (var (person, skill, assessments, retractions) in _cases)
                foreach (var a in assessments)
                {
                    var retraction = retractions.FirstOrDefault(r => r.RetractsEventId == a.Stored.EventId);
                    await copy.WriteRowAsync(default, Org, a.Stored.EventId, a.Stored.Sequence, person, skill, a.Level,
                        a.Method.ToString().ToLowerInvariant(), WeightedRecencyRule.MethodWeight(a.Method), a.OccurredAt.UtcDateTime,
                        a.Stored.RecordedAt.UtcDateTime, retraction is null, (object?)retraction?.Stored.EventId ?? DBNull.Value);
                }
            await copy.CompleteAsync();
        }
        // The live projection's and the rebuild's statement for levels, over every person-skill at once.
        await Execute(conn, AnalyticsSql.InsertLevels($"a.org_id = '{Org}'"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_bi_tables_hold_the_level_and_evidence_weight_the_rule_gives()
    {
        var stored = new Dictionary<(string, string), (double Level, double Weight, int Count)>();
        await using (var conn = new NpgsqlConnection(_db))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("select person_id, skill, level, evidence_weight, assessments from analytics.person_skill_level", conn);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) stored[(r.GetString(0), r.GetString(1))] = (r.GetDouble(2), r.GetDouble(3), r.GetInt32(4));
        }
        Assert.Equal(_cases.Count, stored.Count);
        foreach (var (person, skill, assessments, retractions) in _cases)
        {
            var rule = WeightedRecencyRule.Derive(skill, assessments, retractions, DateTimeOffset.MaxValue, DateTimeOffset.MaxValue);
            var sql = stored[(person, skill)];
            Assert.Equal(rule.Assessments, sql.Count);
            AssertSame(rule.Level!.Value, sql.Level, $"{person}/{skill} level");
            AssertSame(rule.EvidenceWeight, sql.Weight, $"{person}/{skill} evidence weight");
        }
    }

    [Fact]
    public void Leaving_out_the_explanation_gives_the_same_figure()
    {
        // The list of a person's levels, charts and workforce supply ask for the figure only (explain: false); lineage
        // asks for every step. Same loop, same sums: equal to the last bit, at dates that exclude some assessments by
        // asOf and some by knownAt, and with every retraction known or not yet known.
        var dates = new[] { "2019-06-30", "2021-03-01", "2023-09-15 13:45:12.123456" }
            .Select(d => DateTimeOffset.Parse(d + "Z", System.Globalization.CultureInfo.InvariantCulture)).Append(DateTimeOffset.MaxValue).ToArray();
        var withoutLevel = 0;
        foreach (var (_, skill, assessments, retractions) in _cases)
            foreach (var asOf in dates)
                foreach (var knownAt in dates)
                {
                    var explained = WeightedRecencyRule.Derive(skill, assessments, retractions, asOf, knownAt);
                    var figure = WeightedRecencyRule.Derive(skill, assessments, retractions, asOf, knownAt, explain: false);
                    Assert.Equal(explained.Level, figure.Level);
                    Assert.Equal(explained.EvidenceWeight, figure.EvidenceWeight);
                    Assert.Equal(explained.Assessments, figure.Assessments);
                    Assert.Equal(explained.LastAssessedAt, figure.LastAssessedAt);
                    Assert.Empty(figure.Steps);
                    Assert.Equal(explained.Assessments, explained.Steps.Count(step => step.Included));
                    if (figure.Level is null) withoutLevel++;
                }
        Assert.InRange(withoutLevel, 1, _cases.Count * dates.Length * dates.Length - 1); // both kinds of answer were compared
    }

    [Fact]
    public async Task Levels_as_of_a_past_date_are_the_rule_at_that_date()
    {
        var dates = new[] { "2020-06-30", "2022-01-01", "2023-09-15 13:45:12.123456", "2024-12-31" }
            .Select(d => DateTimeOffset.Parse(d + "Z", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        await using var conn = new NpgsqlConnection(_db);
        await conn.OpenAsync();
        var compared = 0;
        foreach (var at in dates)
        {
            var sql = new Dictionary<(string, string), double>();
            await using (var cmd = new NpgsqlCommand($"select person_id, skill, level from {LevelsAt.Sql("$1", "$2")} l", conn))
            {
                cmd.Parameters.AddWithValue(Org);
                cmd.Parameters.AddWithValue(at);
                await using var r = await cmd.ExecuteReaderAsync();
                while (await r.ReadAsync()) sql[(r.GetString(0), r.GetString(1))] = r.GetDouble(2);
            }
            foreach (var (person, skill, assessments, retractions) in _cases)
            {
                var rule = WeightedRecencyRule.Derive(skill, assessments, retractions, at, DateTimeOffset.MaxValue).Level;
                Assert.Equal(rule.HasValue, sql.ContainsKey((person, skill)));
                if (rule is not { } level) continue;
                AssertSame(level, sql[(person, skill)], $"{person}/{skill} at {at:O}");
                compared++;
            }
        }
        // The dates are spread so that many person-skills have a level at some and none at others.
        Assert.InRange(compared, 600, 4 * 600 - 100);
    }

    [Fact]
    public async Task Meeting_a_target_is_decided_alike_in_csharp_and_sql()
    {
        // Targets as roles and goals state them; levels at and around them by less than, about and more than the
        // 9 decimals levels are compared at, plus double noise (2.9999999999999996) and random levels.
        var random = new Random(7);
        var pairs = new List<(double Target, double Level)> { (3, 2.9999999999999996), (3, 3.0000000000000004), (4, 3.4407653703) };
        foreach (var target in new[] { 1.0, 2.5, 3, 3.75, 4, 7.2, 10 })
        {
            for (var k = -30; k <= 30; k++) pairs.Add((target, target + k * 1e-10));
            for (var k = -5; k <= 5; k++) pairs.Add((target, target + k * 5e-10 + random.NextDouble() * 1e-15));
            for (var k = 0; k < 40; k++) pairs.Add((target, random.NextDouble() * 10));
        }
        await using var conn = new NpgsqlConnection(_db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"select {LevelsAt.Reaches("p.level", "p.target::numeric")} from unnest($1::float8[], $2::float8[]) with ordinality p(target, level, n) order by p.n", conn);
        cmd.Parameters.AddWithValue(pairs.Select(p => p.Target).ToArray());
        cmd.Parameters.AddWithValue(pairs.Select(p => p.Level).ToArray());
        var sql = new List<bool>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) sql.Add(r.GetBoolean(0));
        Assert.Equal(pairs.Count, sql.Count);
        for (var i = 0; i < pairs.Count; i++)
            Assert.True(sql[i] == LevelPrecision.Reaches(pairs[i].Level, pairs[i].Target),
                $"target {pairs[i].Target:R}, level {pairs[i].Level:R}: SQL {sql[i]}, C# {!sql[i]}");
        // Worked by hand: 3 − 2.9999999999999996 = 4.4e-16 rounds to 0 (meets); 4 − 3.4407653703 = 0.5592… (does not);
        // 1 − (1 − 6e-10) = 6e-10 rounds to 1e-9 (does not); 1 − (1 − 4e-10) rounds to 0 (meets).
        Assert.True(LevelPrecision.Reaches(2.9999999999999996, 3));
        Assert.False(LevelPrecision.Reaches(3.4407653703, 4));
        Assert.False(LevelPrecision.Reaches(1 - 6e-10, 1));
        Assert.True(LevelPrecision.Reaches(1 - 4e-10, 1));
        Assert.False(LevelPrecision.Reaches(null, 0));
    }

    private static void AssertSame(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"{what}: rule {expected:R}, SQL {actual:R}");

    private static async Task Execute(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
