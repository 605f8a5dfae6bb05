using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Npgsql;

namespace SkillsLedger.Export;

/// <summary>Writes rows as an Apache Arrow IPC stream, one record batch per <c>batchRows</c> rows.</summary>
internal static class ArrowExport
{
    public const string PostgresTypeKey = "postgres_type";

    /// <summary>
    /// PostgreSQL → Arrow: text→Utf8, integer→Int32, bigint→Int64, numeric→Float64 (BI tools want floats; a
    /// decimal128 column would be exact but many tools handle it poorly), double precision→Float64,
    /// boolean→Bool, timestamptz→Timestamp(µs, "UTC"), date→Date32. Every field is nullable.
    /// </summary>
    public static IArrowType ArrowType(ColumnKind kind) => kind switch
    {
        ColumnKind.Text => StringType.Default,
        ColumnKind.Int32 => Int32Type.Default,
        ColumnKind.Int64 => Int64Type.Default,
        ColumnKind.Numeric or ColumnKind.Double => DoubleType.Default,
        ColumnKind.Boolean => BooleanType.Default,
        ColumnKind.TimestampTz => new TimestampType(TimeUnit.Microsecond, "UTC"),
        ColumnKind.Date => Date32Type.Default,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static Schema BuildSchema(ExportTable table, string organisation)
    {
        var builder = new Schema.Builder()
            .Metadata("table", table.Name)
            .Metadata("schema", AnalyticsExporter.SchemaName)
            .Metadata("organisation", organisation);
        foreach (var column in table.Columns)
            builder.Field(new Field(column.Name, ArrowType(column.Kind), nullable: true,
                [new KeyValuePair<string, string>(PostgresTypeKey, column.PostgresType)]));
        return builder.Build();
    }

    public static async Task<long> WriteAsync(ExportTable table, string organisation, NpgsqlDataReader reader, Stream output,
        int batchRows, Action<long>? progress, CancellationToken ct)
    {
        var schema = BuildSchema(table, organisation);
        using var writer = new ArrowStreamWriter(output, schema, leaveOpen: true);
        await writer.WriteStartAsync(ct);
        long total = 0;
        var columns = table.Columns.Select(c => ColumnBuffer.Create(c.Kind)).ToArray();
        var more = true;
        while (more)
        {
            foreach (var c in columns) c.Reset(batchRows);
            var rows = 0;
            while (rows < batchRows && (more = await reader.ReadAsync(ct)))
            {
                for (var i = 0; i < columns.Length; i++) columns[i].Append(reader, i);
                rows++;
            }
            if (rows == 0) break;
            using (var batch = new RecordBatch(schema, columns.Select(c => c.Build()).ToArray(), rows))
                await writer.WriteRecordBatchAsync(batch, ct);
            await output.FlushAsync(ct);
            total += rows;
            progress?.Invoke(total);
        }
        await writer.WriteEndAsync(ct);
        await output.FlushAsync(ct);
        return total;
    }

    /// <summary>One column's builder for the current batch.</summary>
    private abstract class ColumnBuffer
    {
        public abstract void Reset(int capacity);
        public abstract void Append(NpgsqlDataReader reader, int ordinal);
        public abstract IArrowArray Build();

        public static ColumnBuffer Create(ColumnKind kind) => kind switch
        {
            ColumnKind.Text => new Of<StringArray.Builder>(_ => new StringArray.Builder(),
                (b, r, i) => b.Append(r.GetString(i)), b => b.AppendNull(), b => b.Build()),
            ColumnKind.Int32 => new Of<Int32Array.Builder>(n => new Int32Array.Builder().Reserve(n),
                (b, r, i) => b.Append(r.GetInt32(i)), b => b.AppendNull(), b => b.Build()),
            ColumnKind.Int64 => new Of<Int64Array.Builder>(n => new Int64Array.Builder().Reserve(n),
                (b, r, i) => b.Append(r.GetInt64(i)), b => b.AppendNull(), b => b.Build()),
            ColumnKind.Numeric or ColumnKind.Double => new Of<DoubleArray.Builder>(n => new DoubleArray.Builder().Reserve(n),
                (b, r, i) => b.Append(r.GetDouble(i)), b => b.AppendNull(), b => b.Build()),
            ColumnKind.Boolean => new Of<BooleanArray.Builder>(n => new BooleanArray.Builder().Reserve(n),
                (b, r, i) => b.Append(r.GetBoolean(i)), b => b.AppendNull(), b => b.Build()),
            ColumnKind.TimestampTz => new Of<TimestampArray.Builder>(
                n => new TimestampArray.Builder((TimestampType)ArrowType(ColumnKind.TimestampTz)).Reserve(n),
                // Npgsql returns timestamptz as a UTC DateTime.
                (b, r, i) => b.Append(new DateTimeOffset(r.GetFieldValue<DateTime>(i), TimeSpan.Zero)), b => b.AppendNull(), b => b.Build()),
            ColumnKind.Date => new Of<Date32Array.Builder>(_ => new Date32Array.Builder(),
                (b, r, i) => b.Append(r.GetFieldValue<DateOnly>(i)), b => b.AppendNull(), b => b.Build()),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        private sealed class Of<TBuilder>(
            Func<int, TBuilder> create,
            Action<TBuilder, NpgsqlDataReader, int> append,
            Action<TBuilder> appendNull,
            Func<TBuilder, IArrowArray> build) : ColumnBuffer
        {
            private TBuilder _builder = create(0);

            public override void Reset(int capacity) => _builder = create(capacity);

            public override void Append(NpgsqlDataReader reader, int ordinal)
            {
                if (reader.IsDBNull(ordinal)) appendNull(_builder);
                else append(_builder, reader, ordinal);
            }

            public override IArrowArray Build() => build(_builder);
        }
    }
}
