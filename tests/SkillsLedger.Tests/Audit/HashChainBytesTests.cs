using SkillsLedger.Chain;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SkillsLedger.Audit;

namespace SkillsLedger.Tests.Audit;

/// <summary>
/// The chain's bytes are a stored contract: every existing ledger was hashed with them. <see cref="HashChain.Next"/>
/// formats its header straight to UTF-8 for speed; this pins it to the documented definition, written the plain way
/// (a string, then its UTF-8), on headers with unicode, long values and no recordedBy.
/// </summary>
public sealed class HashChainBytesTests
{
    private static byte[] Definition(byte[] previous, ChainedEvent e)
    {
        var header = string.Create(CultureInfo.InvariantCulture,
            $"{e.Sequence}\n{e.Stream}\n{e.Type}\n{e.RecordedAtUtc:yyyy-MM-ddTHH:mm:ss.ffffff}Z\n{e.RecordedBy ?? ""}\n");
        return SHA256.HashData([.. previous, .. Encoding.UTF8.GetBytes(header), .. Encoding.UTF8.GetBytes(e.DataJson)]);
    }

    [Fact]
    public void Next_hashes_exactly_the_documented_bytes()
    {
        var random = new Random(11);
        var at = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc).AddTicks(1234567);
        ChainedEvent[] events =
        [
            new(1, "person:E1", "skill_assessed", """{"level": 3, "skill": "sql"}""", at, "cli:import"),
            new(long.MaxValue, "person:Zoë 漢字 😀", "person_hired", """{"displayName": "enc:v1:AAAA", "x": "é\n"}""", at.AddTicks(-7), null),
            new(42, new string('s', 500), "performance_signal", "{}", DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), new string('ü', 300)),
            new(7, "", "", "", at, ""),
        ];
        var expected = HashChain.Genesis;
        var actual = HashChain.Genesis;
        foreach (var e in events.Concat(Enumerable.Range(0, 200).Select(i =>
                     new ChainedEvent(random.NextInt64(), $"person:P{i}é", "t", new string('x', random.Next(2000)), at.AddSeconds(i), i % 3 == 0 ? null : "u"))))
        {
            expected = Definition(expected, e);
            actual = HashChain.Next(actual, e);
            Assert.Equal(HashChain.Hex(expected), HashChain.Hex(actual));
        }
    }
}
