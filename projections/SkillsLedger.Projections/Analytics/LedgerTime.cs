namespace SkillsLedger.Projections.Analytics;

/// <summary>How the analytics tables store an instant: UTC, whole microseconds (PostgreSQL's resolution).</summary>
public static class LedgerTime
{
    /// <summary>
    /// Drops a 7th fractional digit (100 ns ticks) by flooring. Npgsql would truncate towards the 2000-01-01 epoch
    /// instead (rounding up before 2000) and PostgreSQL rounds when it parses text, so the projection floors first
    /// and the SQL rebuild cuts the digit from the stored text: both give the same microsecond.
    /// </summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset t)
    {
        var ticks = t.UtcTicks;
        return new DateTimeOffset(ticks - ticks % 10, TimeSpan.Zero);
    }
}
