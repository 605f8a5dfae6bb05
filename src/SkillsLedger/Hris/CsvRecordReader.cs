using System.Text;

namespace SkillsLedger.Hris;

/// <summary>A CSV syntax error at a known row and line.</summary>
public sealed class CsvFormatException(long row, long line, string message) : Exception(message)
{
    public long Row { get; } = row;
    public long Line { get; } = line;
}

/// <summary>
/// Streams RFC 4180 records from a reader, one at a time: comma-separated fields, fields in double quotes may hold
/// commas, line breaks and doubled quotes (""), records end with CRLF or LF. A leading byte-order mark is dropped.
/// Empty lines between records are skipped. A quote inside an unquoted field, or text after a closing quote, is an error.
/// </summary>
public sealed class CsvRecordReader(TextReader reader)
{
    private long _line = 1;
    private bool _started;
    private readonly StringBuilder _field = new();

    /// <summary>Number of the record last returned (the header is row 1), as a spreadsheet numbers rows.</summary>
    public long Row { get; private set; }

    /// <summary>Line on which the record last returned starts (differs from Row only after quoted line breaks or empty lines).</summary>
    public long Line { get; private set; }

    public List<string>? Read()
    {
        if (!_started)
        {
            _started = true;
            if (reader.Peek() == '\uFEFF') reader.Read();
        }
        while (reader.Peek() is '\r' or '\n')
        {
            if (reader.Read() == '\r' && reader.Peek() == '\n') reader.Read();
            _line++;
        }
        if (reader.Peek() == -1) return null;
        Row++;
        Line = _line;
        var fields = new List<string>();
        while (true)
        {
            _field.Clear();
            var c = reader.Read();
            if (c == '"')
            {
                while (true)
                {
                    c = reader.Read();
                    if (c == -1) throw Error(fields.Count, "a quoted field is not closed before the end of the file");
                    if (c == '"')
                    {
                        if (reader.Peek() != '"') break;
                        reader.Read();
                    }
                    else if (c == '\n') _line++;
                    _field.Append((char)c);
                }
                c = reader.Read();
                if (c is not (',' or '\r' or '\n' or -1)) throw Error(fields.Count, "text after a closing quote (a quote inside a quoted field must be doubled)");
            }
            else
            {
                while (c is not (',' or '\r' or '\n' or -1))
                {
                    if (c == '"') throw Error(fields.Count, "a quote inside an unquoted field (quote the whole field and double the quote)");
                    _field.Append((char)c);
                    c = reader.Read();
                }
            }
            fields.Add(_field.ToString());
            if (c == ',') continue;
            if (c == '\r' && reader.Peek() == '\n') reader.Read();
            if (c != -1) _line++;
            return fields;
        }
    }

    private CsvFormatException Error(int fieldIndex, string message) =>
        new(Row, Line, $"row {Row}{(Line != Row ? $" (line {Line})" : "")}, field {fieldIndex + 1}: {message}");
}
