using System.Globalization;
using System.Text;
using SkillsLedger.Domain.Events;
using SkillsLedger.Ingestion;

namespace SkillsLedger.Hris;

/// <summary>What an import read, for the closing report.</summary>
public sealed class HrisReadTotals
{
    public long Rows { get; set; }
    public long Leavers { get; set; }
    public long Trainings { get; set; }
    public long PerformanceSignals { get; set; }
    public long RowNumberIds { get; set; }
}

/// <summary>
/// Turns an HRIS snapshot CSV into ledger events, row by row, by a <see cref="HrisMapping"/>. The header is read
/// (and the mapping's columns checked) when the reader is opened; rows are read lazily, so memory stays flat apart from
/// the set of person ids seen (a person id twice is an error). A bad row throws <see cref="LoadStoppedException"/>
/// naming its row number and column; the events of earlier rows have been handed out already.
/// </summary>
public sealed class HrisSnapshotReader
{
    private readonly CsvRecordReader _csv;
    private readonly HrisMapping _m;
    private readonly DateOnly _snapshot;
    private readonly string _snapshotText;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly int _fieldCount;

    public IReadOnlyList<string> Header { get; }
    public HrisReadTotals Totals { get; } = new();

    public HrisSnapshotReader(TextReader reader, HrisMapping mapping, DateOnly snapshot, string mappingName = "mapping")
    {
        _csv = new CsvRecordReader(reader);
        _m = mapping;
        _snapshot = snapshot;
        _snapshotText = snapshot.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        List<string>? header;
        try { header = _csv.Read(); }
        catch (CsvFormatException ex) { throw new LoadStoppedException(ex.Row, ex.Message); }
        if (header is null) throw new HrisMappingException("the CSV is empty: it needs a header row");
        Header = header.Select(h => h.Trim()).ToList();
        _fieldCount = Header.Count;
        for (var i = 0; i < Header.Count; i++) _index.TryAdd(Header[i], i);
        foreach (var (field, column) in mapping.Columns())
        {
            if (!_index.ContainsKey(column.Trim()))
                throw new HrisMappingException($"mapping {mappingName}: {field}: '{column}' is not a column of the CSV (columns: {string.Join(", ", Header)})");
            if (Header.Count(h => h == column.Trim()) > 1)
                throw new HrisMappingException($"mapping {mappingName}: {field}: the CSV has more than one column named '{column}'");
        }
    }

    /// <summary>The CSV column an event field came from, to name it when the ledger rejects the event.</summary>
    public string? ColumnOf(string eventField) => eventField switch
    {
        "personId" => _m.PersonId!.Column,
        "department" => _m.Department!.Column,
        "role" => _m.Role!.Column,
        "team" => _m.Team?.Column,
        "monthlySalary" => _m.MonthlySalary?.Column,
        "occurredAt" => _m.Tenure!.Column,
        "value" => _m.Performance?.Column,
        _ => null,
    };

    public IEnumerable<(long Row, ILedgerEvent Event)> Events()
    {
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        while (true)
        {
            List<string>? fields;
            try { fields = _csv.Read(); }
            catch (CsvFormatException ex) { throw new LoadStoppedException(ex.Row, ex.Message); }
            if (fields is null) yield break;
            var row = _csv.Row;
            if (fields.Count != _fieldCount)
                throw new LoadStoppedException(row, $"{Where(row)}: has {fields.Count} fields, the header has {_fieldCount}");
            Totals.Rows++;
            foreach (var e in MapRow(row, fields, seen)) yield return (row, e);
        }
    }

    private string Where(long row) => _csv.Line != row ? $"row {row} (line {_csv.Line})" : $"row {row}";

    private LoadStoppedException Bad(long row, string column, string message) => new(row, $"{Where(row)}, column {column}: {message}");

    private string Cell(List<string> fields, string column) => fields[_index[column.Trim()]].Trim();

    private string Required(long row, List<string> fields, string column)
    {
        var v = Cell(fields, column);
        if (v.Length == 0) throw Bad(row, column, "is empty");
        return v;
    }

    private decimal Number(long row, string column, string text)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            throw Bad(row, column, $"'{text}' is not a number");
        return v;
    }

    /// <summary>All events of one row, in time order.</summary>
    internal List<ILedgerEvent> MapRow(long row, List<string> fields, Dictionary<string, long> seen)
    {
        var m = _m;
        var source = m.Source;

        // Person id
        var idColumn = m.PersonId!.Column!;
        var rawId = Cell(fields, idColumn);
        string personId;
        if (rawId.Length > 0) personId = (m.PersonId.Prefix ?? "") + rawId;
        else if (m.PersonId.WhenMissing == "row-number")
        {
            personId = (m.PersonId.Prefix ?? "") + "row" + row.ToString(CultureInfo.InvariantCulture);
            Totals.RowNumberIds++;
        }
        else throw Bad(row, idColumn, "is empty (set personId.whenMissing to \"row-number\" to number such rows instead)");
        if (personId.Length > 64) throw Bad(row, idColumn, $"person id '{personId}' is longer than 64 characters");
        if (seen.TryGetValue(personId, out var earlier)) throw Bad(row, idColumn, $"person id '{personId}' already appears in row {earlier}");
        seen[personId] = row;

        var department = Required(row, fields, m.Department!.Column!);
        var roleColumn = m.Role!.Column!;
        var rawRole = Required(row, fields, roleColumn);
        var role = RoleId(rawRole, m.Role);
        if (role.Length == 0) throw Bad(row, roleColumn, $"'{rawRole}' gives an empty role id");
        string? team = m.Team is { } t && Cell(fields, t.Column!) is { Length: > 0 } teamText ? teamText : null;
        decimal? salary = null;
        if (m.MonthlySalary is { } s && Cell(fields, s.Column!) is { Length: > 0 } salaryText)
        {
            salary = Number(row, s.Column!, salaryText);
            if (salary < 0) throw Bad(row, s.Column!, "must be ≥ 0");
        }

        var tenureColumn = m.Tenure!.Column!;
        var years = Number(row, tenureColumn, Required(row, fields, tenureColumn));
        if (years is < 0 or > 100) throw Bad(row, tenureColumn, $"{years} years is outside 0–100");

        var left = false;
        if (m.Attrition is { } a)
        {
            var value = Cell(fields, a.Column!);
            left = string.Equals(value, a.LeftValue!.Trim(), StringComparison.OrdinalIgnoreCase);
            if (!left && a.StayedValue is not null && !string.Equals(value, a.StayedValue.Trim(), StringComparison.OrdinalIgnoreCase))
                throw Bad(row, a.Column!, $"'{value}' is neither '{a.LeftValue}' (left) nor '{a.StayedValue}' (stayed)");
        }

        var trainings = 0;
        if (m.Training is { } tr)
        {
            var text = Required(row, fields, tr.Column!);
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out trainings))
                throw Bad(row, tr.Column!, $"'{text}' is not a whole number of trainings");
            if (trainings > tr.MaxPerPerson) throw Bad(row, tr.Column!, $"{trainings} trainings is more than training.maxPerPerson ({tr.MaxPerPerson})");
        }

        decimal? rating = null;
        if (m.Performance is { } p && Cell(fields, p.Column!) is { Length: > 0 } ratingText) rating = Number(row, p.Column!, ratingText);

        // Dates by the documented rules.
        var hiredAt = HrisDateRules.HiredAt(_snapshot, (double)years, personId);
        DateTimeOffset? leftAt = left ? HrisDateRules.LeftAt(_snapshot, hiredAt, personId) : null;
        var id = $"{m.EventIdPrefix}-{_snapshotText}-{personId}-";

        var events = new List<ILedgerEvent> { new PersonHired(personId, department, role, team, salary, hiredAt, id + "hired", source) };
        if (trainings > 0)
        {
            var tr2 = m.Training!;
            var times = HrisDateRules.TrainingTimes(_snapshot, hiredAt, leftAt, trainings, personId);
            for (var i = 0; i < trainings; i++)
            {
                var n = (i + 1).ToString(CultureInfo.InvariantCulture);
                events.Add(new CourseCompleted(personId, tr2.CourseId!.Replace("{n}", n, StringComparison.Ordinal), tr2.ProgramId, tr2.Hours!.Value, null,
                    tr2.Skills is { Count: > 0 } sk ? sk : null, times[i], id + "course-" + n, source));
            }
            Totals.Trainings += trainings;
        }
        if (rating is { } r)
        {
            events.Add(new PerformanceSignal(personId, m.Performance!.Metric!, r, m.Performance.Unit, HrisDateRules.PerformanceAt(_snapshot, leftAt), id + "performance", source));
            Totals.PerformanceSignals++;
        }
        if (leftAt is { } l)
        {
            events.Add(new PersonLeft(personId, Enum.Parse<LeavingReason>(m.Attrition!.Reason, ignoreCase: true), l, id + "left", source));
            Totals.Leavers++;
        }
        // Stable sort by time: a training can fall after a leaver's performance signal.
        return events.OrderBy(e => e.OccurredAt).ToList();
    }

    /// <summary>values[raw] if listed; else lower-case kebab-case when asked (runs of anything but letters and digits → "-").</summary>
    public static string RoleId(string raw, RoleMapping mapping)
    {
        if (mapping.Values is { } values && values.TryGetValue(raw, out var mapped)) return mapped.Trim();
        return mapping.KebabCase ? KebabCase(raw) : raw;
    }

    public static string KebabCase(string text)
    {
        var sb = new StringBuilder(text.Length);
        var dash = false;
        foreach (var c in text.Trim())
        {
            if (char.IsLetterOrDigit(c))
            {
                if (dash && sb.Length > 0) sb.Append('-');
                sb.Append(char.ToLowerInvariant(c));
                dash = false;
            }
            else dash = true;
        }
        return sb.ToString();
    }
}
