namespace SkillsLedger.Analytics.Roi;

/// <summary>
/// Every performance signal of an organisation, stored for the difference in differences: one run per person and
/// metric, in time order (ties in the order the signals were given), in flat arrays rather than one object a signal.
/// Each signal also knows its position on its metric's time axis (the distinct times at which anyone has a signal of
/// that metric), so a calendar window becomes a range of positions, compared as integers.
/// </summary>
/// <remarks>
/// Why flat arrays: at 100,000 people there are about 4 million signals; as records with strings they cost a
/// hundred bytes each and an hour of the garbage collector's attention, and every lookup went through a dictionary
/// and a delegate. Built once per data set and shared by every programme estimated from it.
/// </remarks>
public sealed partial class PerformanceSignals
{
    private readonly Dictionary<string, int> _personSlot;
    private readonly int[] _personRuns; // person slot p owns runs _personRuns[p] .. _personRuns[p + 1] - 1, by metric name (ordinal)
    private readonly int[] _runMetric;
    private readonly int[] _runStart; // run r owns signals _runStart[r] .. _runStart[r + 1] - 1
    private readonly bool[] _runInGivenOrder;
    private readonly long[] _ticks; // UTC ticks
    private readonly double[] _values;
    private readonly int[] _given; // position in the order the signals were given (breaks ties, orders sums)
    private readonly int[] _axisPosition;
    private readonly int[]? _runTable; // run r's entry for axis position q: _firstAtOrAfter[_runTable[r] + q]
    private readonly int[] _firstAtOrAfter;

    private PerformanceSignals(string[] metrics, long[][] axes, Dictionary<string, int> personSlot, int[] personRuns, int[] runMetric, int[] runStart,
        bool[] runInGivenOrder, long[] ticks, double[] values, int[] given, int[] axisPosition)
    {
        Metrics = metrics;
        Axes = axes;
        _personSlot = personSlot;
        _personRuns = personRuns;
        _runMetric = runMetric;
        _runStart = runStart;
        _runInGivenOrder = runInGivenOrder;
        _ticks = ticks;
        _values = values;
        _given = given;
        _axisPosition = axisPosition;
        (_runTable, _firstAtOrAfter) = Tables(axes, runMetric, runStart, axisPosition);
    }

    /// <summary>
    /// For every run and every position q on its metric's axis, the run's first signal at or after q: a window's
    /// signals are then found by two array reads instead of two binary searches (done tens of millions of times for
    /// ROI of every programme). Only when the axes are short (monthly figures: one entry per month); with irregular
    /// times the tables would outgrow the signals and the binary search stays.
    /// </summary>
    private static (int[]?, int[]) Tables(long[][] axes, int[] runMetric, int[] runStart, int[] axisPosition)
    {
        long size = 0;
        foreach (var m in runMetric) size += axes[m].Length + 1;
        if (size > 8L * Math.Max(axisPosition.Length, 1024)) return (null, []);
        var runTable = new int[runMetric.Length];
        var table = new int[size];
        var at = 0;
        for (var r = 0; r < runMetric.Length; r++)
        {
            runTable[r] = at;
            var i = runStart[r];
            for (var q = 0; q <= axes[runMetric[r]].Length; q++)
            {
                while (i < runStart[r + 1] && axisPosition[i] < q) i++;
                table[at++] = i;
            }
        }
        return (runTable, table);
    }

    /// <summary>Metric names; a metric's number is its index here.</summary>
    public IReadOnlyList<string> Metrics { get; }

    /// <summary>Per metric, the distinct signal times (UTC ticks), ascending.</summary>
    internal long[][] Axes { get; }

    public int Count => _values.Length;

    public int People => _personSlot.Count;

    public static PerformanceSignals From(IEnumerable<SignalRecord> signals)
    {
        var builder = new Builder();
        foreach (var s in signals) builder.Add(s.PersonId, s.Metric, s.At.UtcTicks, s.Value);
        return builder.Build();
    }

    /// <summary>The person's slot, or −1 when they have no signal.</summary>
    internal int SlotOf(string personId) => _personSlot.GetValueOrDefault(personId, -1);

    internal int FirstRun(int slot) => _personRuns[slot];

    internal int EndRun(int slot) => _personRuns[slot + 1];

    internal int MetricOf(int run) => _runMetric[run];

    /// <summary>The person's run of a metric, or −1.</summary>
    internal int RunOf(int slot, int metric)
    {
        for (var r = _personRuns[slot]; r < _personRuns[slot + 1]; r++)
            if (_runMetric[r] == metric) return r;
        return -1;
    }

    /// <summary>
    /// After mean minus before mean of the run's signals whose axis positions fall in [beforeFrom, beforeTo) and
    /// [afterFrom, afterTo); null when either window is empty.
    /// </summary>
    internal double? Change(int run, int beforeFrom, int beforeTo, int afterFrom, int afterTo)
    {
        if (_runTable is not null)
        {
            var t = _runTable[run];
            var before = Mean(run, _firstAtOrAfter[t + beforeFrom], _firstAtOrAfter[t + beforeTo]);
            if (before is not { } b) return null;
            return Mean(run, _firstAtOrAfter[t + afterFrom], _firstAtOrAfter[t + afterTo]) is { } a ? a - b : null;
        }
        else
        {
            int start = _runStart[run], end = _runStart[run + 1];
            var before = Mean(run, FirstAtOrAfter(start, end, beforeFrom), FirstAtOrAfter(start, end, beforeTo));
            if (before is not { } b) return null;
            return Mean(run, FirstAtOrAfter(start, end, afterFrom), FirstAtOrAfter(start, end, afterTo)) is { } a ? a - b : null;
        }
    }

    /// <summary>First signal of [start, end) at or after the axis position (positions ascend along a run).</summary>
    private int FirstAtOrAfter(int start, int end, int position)
    {
        int lo = start, hi = end;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_axisPosition[mid] >= position) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    /// <summary>Mean of signals [from, to), summed in the order the signals were given (as a filtered list would be).</summary>
    private double? Mean(int run, int from, int to)
    {
        if (to <= from) return null;
        var sum = 0.0;
        if (_runInGivenOrder[run] || InGivenOrder(from, to))
            for (var i = from; i < to; i++) sum += _values[i];
        else
        {
            var order = _given[from..to];
            var values = _values[from..to];
            Array.Sort(order, values);
            foreach (var v in values) sum += v;
        }
        return sum / (to - from);
    }

    private bool InGivenOrder(int from, int to)
    {
        for (var i = from + 1; i < to; i++)
            if (_given[i - 1] > _given[i]) return false;
        return true;
    }

    /// <summary>Index of the first time at or after (strict: after) the given one on a sorted axis.</summary>
    internal static int FirstIndex(long[] axis, long ticks, bool strictlyAfter)
    {
        int lo = 0, hi = axis.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (strictlyAfter ? axis[mid] > ticks : axis[mid] >= ticks) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
