using System.Security.Cryptography;
using SkillsLedger.Domain.Demo;
using SkillsLedger.Domain.Events;
using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;
using SkillsLedger.Privacy;

namespace SkillsLedger.Tests.Ingestion;

/// <summary>
/// The import writes a person event's jsonb text directly (<see cref="JsonbEventText"/>) instead of serialising it and
/// formatting the JSON (<see cref="MartenEventCopy.PrepareBySerializer"/>). Both go into mt_events and the hash chain,
/// so they must give the same text for every event — plain and encrypted, with escapes, unicode and odd numbers —
/// or the direct one must decline (the import then takes the old path for that event).
/// </summary>
public sealed class JsonbEventTextTests
{
    // No database needed: the store only supplies its serializer and type names.
    private static readonly Marten.DocumentStore Store =
        Marten.DocumentStore.For(o => LedgerStoreConfiguration.Configure(o, "Host=127.0.0.1;Port=1;Username=none;Database=none"));

    private static readonly MartenEventCopy Copy = new(Store);

    private static void AssertSameAsSerializerPath(ILedgerEvent e, bool mustFormat = true)
    {
        var reference = Copy.PrepareBySerializer(e);
        if (JsonbEventText.TryFormat(e, out var direct))
        {
            Assert.True(reference.Formatted, $"the old path declined, the direct one did not: {reference.Json}");
            Assert.Equal(reference.Json, direct);
        }
        else Assert.False(mustFormat, $"declined an event the old path formats: {reference.Json}");
    }

    [Fact]
    public void Every_person_event_of_the_demo_generator_gives_the_same_text_plain_and_encrypted()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var types = new HashSet<Type>();
        foreach (var e in DemoOrganisation.Generate(new DemoOptions(People: 150, Seed: 7, Years: 6, AsOf: new DateOnly(2026, 11, 23))))
        {
            if (e is ICatalogueEvent) continue; // Marten appends those itself
            types.Add(e.GetType());
            AssertSameAsSerializerPath(e);
            if (PersonalDataCipher.HasPersonalData(e)) AssertSameAsSerializerPath(PersonalDataCipher.Protect(e, "org-ü", key));
        }
        // The demo's person event types, so a new type is not silently left out of this comparison.
        Assert.Superset(new HashSet<Type> { typeof(PersonHired), typeof(PersonMoved), typeof(PersonLeft), typeof(SkillAssessed),
            typeof(AssessmentRetracted), typeof(CourseCompleted), typeof(PerformanceSignal) }, types);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("quote \" backslash \\ slash / tab \t newline \n cr \r bell \u0007 bs \b ff \f unit \u001f del \u007f")]
    [InlineData("é ü ß 漢字 \u2028 \u2029 emoji \ud83d\ude00 <script>&'+")]
    [InlineData("")]
    public void Strings_with_escapes_and_unicode_give_the_same_text(string s)
    {
        var at = new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.FromHours(-5)).AddTicks(1234500);
        AssertSameAsSerializerPath(new PersonHired(s, s, s, s, 1234.50m, at, "id-" + s, s, s, s));
        AssertSameAsSerializerPath(new SkillAssessed(s, s, 3.25m, AssessmentMethod.Certification, s, s, at, s, s));
        AssertSameAsSerializerPath(new CourseCompleted(s, s, s, 1.5m, null, [s, "x", s], at, s, null));
        AssertSameAsSerializerPath(new CourseCompleted(s, s, null, 0m, -0.5m, [], at));
    }

    [Fact]
    public void Random_values_give_the_same_text_or_are_declined_like_the_old_path()
    {
        var random = new Random(20261123);
        char[] alphabet = ['a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\t', '\u0001', '\u001f', 'é', '漢', '\u2028', '\ud83d', '\ude00', '\0', '\u007f', '+', '<'];
        string Text() => new(Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
        decimal Number() => random.Next(6) switch
        {
            0 => 0m,
            1 => new decimal(random.Next(), random.Next(), random.Next(), random.Next(2) == 0, (byte)random.Next(29)),
            2 => -random.Next(1000) / 100m,
            3 => 0.000001m * random.Next(10),
            4 => decimal.MaxValue,
            _ => random.Next(100) + 0.50m,
        };
        DateTimeOffset Time() => new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(random.NextInt64(0, 10_000_000_000_000_000))
            .ToOffset(TimeSpan.FromMinutes(15 * random.Next(-48, 57)));
        for (var i = 0; i < 3000; i++)
        {
            AssertSameAsSerializerPath(new PerformanceSignal(Text(), Text(), Number(), random.Next(3) == 0 ? null : Text(), Time(), Text(), Text()), mustFormat: false);
            AssertSameAsSerializerPath(new PersonLeft(Text(), (LeavingReason)random.Next(3), Time(), null, Text()), mustFormat: false);
            AssertSameAsSerializerPath(new AssessmentRetracted(Text(), Text(), Text(), Time(), Text()), mustFormat: false);
            AssertSameAsSerializerPath(new PersonMoved(Text(), null, random.Next(2) == 0 ? null : Text(), Text(), Time()), mustFormat: false);
        }
    }

    [Fact]
    public void Values_jsonb_might_print_differently_are_declined()
    {
        var at = DateTimeOffset.UnixEpoch;
        Assert.False(JsonbEventText.TryFormat(new PersonMoved("a\0b", null, null, null, at), out _));
        Assert.False(JsonbEventText.TryFormat(new PersonMoved("lone \ud800 half", null, null, null, at), out _));
    }
}
