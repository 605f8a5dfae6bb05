using System.Security.Cryptography;
using System.Text;

namespace SkillsLedger.Hris;

/// <summary>
/// The documented rules that give a dateless snapshot row its dates (docs/hris-import.md, "Date rules"). Pure and
/// deterministic: the same snapshot date, person id and cell values always give the same instants, on any machine.
/// All instants are UTC and whole minutes.
///
/// The "snapshot year" is the 365 days snapshotDate − 364 … snapshotDate. Every departure and every training lands in
/// it, and every hire is at most at the snapshot, so each person is employed at some time in it: a retention query
/// from = snapshotDate − 365 to = snapshotDate (dates, i.e. end of day) sees every row, with its trainings and its
/// departure.
/// </summary>
public static class HrisDateRules
{
    /// <summary>Hires happen at 09:00 UTC; departures and the snapshot itself at 17:00 UTC.</summary>
    public static readonly TimeOnly HireTime = new(9, 0), CloseTime = new(17, 0);

    public const double DaysPerYear = 365.25;

    /// <summary>First day of the snapshot year (00:00 UTC).</summary>
    public static DateTimeOffset YearStart(DateOnly snapshot) => At(snapshot.AddDays(-364), TimeOnly.MinValue);

    /// <summary>The moment the snapshot describes: 17:00 UTC on its date.</summary>
    public static DateTimeOffset SnapshotAt(DateOnly snapshot) => At(snapshot, CloseTime);

    /// <summary>
    /// Hire: snapshotDate − ⌊years × 365.25⌋ days − an offset of 0–364 days from the person id, at 09:00 UTC. A tenure
    /// column usually holds completed years, so the true tenure lies in [years, years + 1): the offset spreads hires over
    /// that year instead of stacking everyone with the same tenure on one day.
    /// </summary>
    public static DateTimeOffset HiredAt(DateOnly snapshot, double years, string personId)
    {
        var days = (int)Math.Floor(years * DaysPerYear) + (int)(Hash(personId, "hire") % 365);
        return At(snapshot.AddDays(-days), HireTime);
    }

    /// <summary>
    /// Departure: a day drawn from the person id among the days of the snapshot year on or after the hire day, at
    /// 17:00 UTC — so after the hire (same day at the earliest: 09:00 → 17:00) and at most at the snapshot.
    /// </summary>
    public static DateTimeOffset LeftAt(DateOnly snapshot, DateTimeOffset hiredAt, string personId)
    {
        var hireDay = DateOnly.FromDateTime(hiredAt.UtcDateTime);
        var first = hireDay > snapshot.AddDays(-364) ? hireDay : snapshot.AddDays(-364);
        var span = snapshot.DayNumber - first.DayNumber + 1;
        return At(first.AddDays((int)(Hash(personId, "left") % (ulong)span)), CloseTime);
    }

    /// <summary>
    /// Trainings: spread evenly over the person's employment within the snapshot year, [max(hire, year start),
    /// departure or snapshot), with a phase drawn from the person id. Training i (0-based) of k is at
    /// start + ⌊minutes × (i + u) / k⌋ minutes, u ∈ (0, 1) — never before the hire, always before the departure.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> TrainingTimes(DateOnly snapshot, DateTimeOffset hiredAt, DateTimeOffset? leftAt, int count, string personId)
    {
        if (count <= 0) return [];
        var yearStart = YearStart(snapshot);
        var start = hiredAt > yearStart ? hiredAt : yearStart;
        var end = leftAt ?? SnapshotAt(snapshot);
        var minutes = (long)(end - start).TotalMinutes;
        var u = (Hash(personId, "training") % 1000 + 0.5) / 1000.0;
        var times = new DateTimeOffset[count];
        for (var i = 0; i < count; i++)
            times[i] = start.AddMinutes(Math.Min(minutes - 1, (long)Math.Floor(minutes * (i + u) / count)));
        return times;
    }

    /// <summary>Performance rating: at the snapshot, or one hour before the departure for leavers.</summary>
    public static DateTimeOffset PerformanceAt(DateOnly snapshot, DateTimeOffset? leftAt) => leftAt?.AddHours(-1) ?? SnapshotAt(snapshot);

    /// <summary>First 8 bytes of SHA-256("{personId}|{purpose}") as an unsigned number: stable across runs and platforms.</summary>
    public static ulong Hash(string personId, string purpose)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(personId + "|" + purpose), hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }

    private static DateTimeOffset At(DateOnly day, TimeOnly time) => new(day.ToDateTime(time), TimeSpan.Zero);
}
