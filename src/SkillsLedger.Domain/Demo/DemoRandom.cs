namespace SkillsLedger.Domain.Demo;

/// <summary>
/// A small seeded random generator (SplitMix64). We use our own rather than <see cref="Random"/> so the demo
/// organisation stays identical across .NET versions, and we avoid Log/Exp/Cos so no platform-specific
/// floating-point rounding can change a single event.
/// </summary>
internal sealed class DemoRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private static readonly double Sqrt3 = Math.Sqrt(3.0); // correctly rounded by IEEE 754, so the same everywhere
    private ulong _state;

    private DemoRandom(ulong state) => _state = state;

    /// <summary>An independent generator for one named stream (e.g. "person", index 17) of one seed.</summary>
    public static DemoRandom For(int seed, string stream, long index)
    {
        var h = Mix((ulong)(uint)seed);
        foreach (var c in stream) h = Mix(h ^ c);
        return new DemoRandom(Mix(h ^ (ulong)index));
    }

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A whole number in [min, maxExclusive).</summary>
    public int Next(int min, int maxExclusive) =>
        maxExclusive <= min ? min : min + (int)(NextDouble() * (maxExclusive - min));

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Roughly standard normal (sum of four uniforms): good enough for noise, and free of transcendental functions.</summary>
    public double Normal() => (NextDouble() + NextDouble() + NextDouble() + NextDouble() - 2.0) * Sqrt3;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count)];

    public T PickWeighted<T>(IReadOnlyList<(T Item, double Weight)> items)
    {
        var roll = NextDouble() * items.Sum(i => i.Weight);
        foreach (var (item, weight) in items)
        {
            if (roll < weight) return item;
            roll -= weight;
        }
        return items[^1].Item;
    }

    private ulong NextUInt64() => Mix(_state += Golden);

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += Golden;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
