namespace SkillsLedger.Analytics.Roi;

public sealed partial class PerformanceSignals
{
    /// <summary>
    /// Collects signals in any order and lays them out by person and metric. Fast when each person-metric arrives
    /// whole and in time order (as the database sends them); any other order is sorted, keeping the given order for
    /// ties and for the order in which means are summed.
    /// </summary>
    public sealed class Builder
    {
        private readonly Dictionary<string, int> _people = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _metrics = new(StringComparer.Ordinal);
        private readonly List<string> _metricNames = [];
        private readonly Dictionary<(int Slot, int Metric), int> _runs = new();
        private readonly List<(int Slot, int Metric)> _runKeys = [];
        private int[] _runOf = new int[1024];
        private long[] _ticks = new long[1024];
        private double[] _values = new double[1024];
        private int _count;
        private (string? Person, string? Metric, int Run) _last = (null, null, -1);

        public void Add(string personId, string metric, long utcTicks, double value)
        {
            var run = RunFor(personId, metric);
            if (_count == _values.Length) Grow(_count * 2);
            _runOf[_count] = run;
            _ticks[_count] = utcTicks;
            _values[_count] = value;
            _count++;
        }

        /// <summary>A person's signals of one metric, in the order they were recorded.</summary>
        public void AddRun(string personId, string metric, ReadOnlySpan<long> utcTicks, ReadOnlySpan<double> values)
        {
            if (utcTicks.Length != values.Length) throw new ArgumentException("as many times as values are needed", nameof(values));
            var run = RunFor(personId, metric);
            if (_count + values.Length > _values.Length) Grow(Math.Max(_count * 2, _count + values.Length));
            _runOf.AsSpan(_count, values.Length).Fill(run);
            utcTicks.CopyTo(_ticks.AsSpan(_count));
            values.CopyTo(_values.AsSpan(_count));
            _count += values.Length;
        }

        private int RunFor(string personId, string metric)
        {
            if (ReferenceEquals(_last.Person, personId) && ReferenceEquals(_last.Metric, metric)) return _last.Run;
            if (!_people.TryGetValue(personId, out var slot)) _people[personId] = slot = _people.Count;
            if (!_metrics.TryGetValue(metric, out var m))
            {
                _metrics[metric] = m = _metricNames.Count;
                _metricNames.Add(metric);
            }
            if (!_runs.TryGetValue((slot, m), out var run))
            {
                _runs[(slot, m)] = run = _runKeys.Count;
                _runKeys.Add((slot, m));
            }
            _last = (personId, metric, run);
            return run;
        }

        private void Grow(int size)
        {
            Array.Resize(ref _runOf, size);
            Array.Resize(ref _ticks, size);
            Array.Resize(ref _values, size);
        }

        public PerformanceSignals Build()
        {
            var n = _count;
            // Runs by person, then metric name (ordinal): a person's metrics are visited in that order.
            var rank = new int[_runKeys.Count];
            var byPosition = Enumerable.Range(0, _runKeys.Count).ToArray();
            Array.Sort(byPosition, (a, b) =>
            {
                var c = _runKeys[a].Slot.CompareTo(_runKeys[b].Slot);
                return c != 0 ? c : string.CompareOrdinal(_metricNames[_runKeys[a].Metric], _metricNames[_runKeys[b].Metric]);
            });
            for (var i = 0; i < byPosition.Length; i++) rank[byPosition[i]] = i;

            // Counting sort by run rank: stable, so each run keeps the given order.
            var runStart = new int[_runKeys.Count + 1];
            for (var i = 0; i < n; i++) runStart[rank[_runOf[i]] + 1]++;
            for (var r = 0; r < _runKeys.Count; r++) runStart[r + 1] += runStart[r];
            var ticks = new long[n];
            var values = new double[n];
            var given = new int[n];
            var next = runStart[..^1];
            for (var i = 0; i < n; i++)
            {
                var at = next[rank[_runOf[i]]]++;
                ticks[at] = _ticks[i];
                values[at] = _values[i];
                given[at] = i;
            }

            var runInGivenOrder = new bool[_runKeys.Count];
            for (var r = 0; r < _runKeys.Count; r++)
            {
                int from = runStart[r], to = runStart[r + 1];
                var sorted = true;
                for (var i = from + 1; i < to && sorted; i++) sorted = ticks[i - 1] <= ticks[i];
                if (!sorted) SortByTime(ticks, values, given, from, to);
                runInGivenOrder[r] = sorted; // a run sorted by time alone may now differ from the given order
            }

            var runMetric = new int[_runKeys.Count];
            var personRuns = new int[_people.Count + 1];
            for (var r = 0; r < byPosition.Length; r++)
            {
                runMetric[r] = _runKeys[byPosition[r]].Metric;
                personRuns[_runKeys[byPosition[r]].Slot + 1]++;
            }
            for (var p = 0; p < _people.Count; p++) personRuns[p + 1] += personRuns[p];

            var axes = Axes(ticks, runMetric, runStart);
            var axisPosition = new int[n];
            for (var r = 0; r < runMetric.Length; r++)
            {
                var axis = axes[runMetric[r]];
                for (var i = runStart[r]; i < runStart[r + 1]; i++) axisPosition[i] = Array.BinarySearch(axis, ticks[i]);
            }
            return new PerformanceSignals([.. _metricNames], axes, new Dictionary<string, int>(_people, StringComparer.Ordinal), personRuns, runMetric,
                runStart, runInGivenOrder, ticks, values, given, axisPosition);
        }

        private long[][] Axes(long[] ticks, int[] runMetric, int[] runStart)
        {
            var distinct = _metricNames.Select(_ => new HashSet<long>()).ToArray();
            for (var r = 0; r < runMetric.Length; r++)
            {
                var set = distinct[runMetric[r]];
                for (var i = runStart[r]; i < runStart[r + 1]; i++)
                    if (i == runStart[r] || ticks[i] != ticks[i - 1]) set.Add(ticks[i]);
            }
            return distinct.Select(s => s.Order().ToArray()).ToArray();
        }

        /// <summary>Sorts [from, to) by time, ties by the given order.</summary>
        private static void SortByTime(long[] ticks, double[] values, int[] given, int from, int to)
        {
            var items = Enumerable.Range(from, to - from).Select(i => (Tick: ticks[i], Given: given[i], Value: values[i])).ToArray();
            Array.Sort(items, (x, y) => x.Tick != y.Tick ? x.Tick.CompareTo(y.Tick) : x.Given.CompareTo(y.Given));
            for (var k = 0; k < items.Length; k++) (ticks[from + k], given[from + k], values[from + k]) = items[k];
        }
    }
}
