using System.Globalization;
using Marten.Events;
using Npgsql;
using SkillsLedger.Cli;
using SkillsLedger.Hris;
using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;
using SkillsLedger.Tests.Support;
using Xunit.Abstractions;

namespace SkillsLedger.Tests.Hris;

/// <summary>
/// import-hris on the IBM HR attrition sample (1,470 rows, 237 with Attrition = Yes), through the CLI command class,
/// checked against the CSV read by the test's own code — in particular the learning–leaving correlation of the
/// retention endpoint against a Pearson r computed here from TrainingTimesLastYear and Attrition.
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class HrisImportTests(LedgerApp shared, ITestOutputHelper output) : IDisposable
{
    private readonly LedgerApp app = shared.For("hris");

    private const string Snapshot = "2025-06-30";
    private readonly string _dir = Directory.CreateTempSubdirectory("skillsledger-hris-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private Task<int> ImportHris(string csv, params string[] extra) =>
        HrisImportCommand.RunAsync(new CliArgs([csv, "--mapping", IbmSample.Mapping, "--db", app.ConnectionString, "--no-progress", .. extra]),
            CancellationToken.None);

    private async Task<long> CountAsync(string org, string? type = null)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select count(*) from ledger.mt_events where tenant_id = $1 and type <> 'tombstone' and ($2::text is null or type = $2)", conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)type ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Pearson's r by the textbook sums formula — the test's own, not the product's statistics code.</summary>
    private static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double n = x.Count, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sx += x[i]; sy += y[i]; sxx += x[i] * x[i]; syy += y[i] * y[i]; sxy += x[i] * y[i];
        }
        return (n * sxy - sx * sy) / Math.Sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
    }

    [SkippableFact]
    public async Task The_IBM_sample_imports_once_and_its_one_year_correlation_equals_the_csvs()
    {
        IbmSample.SkipIfMissing();
        var (header, rows) = IbmSample.Read();
        int Col(string name) => Array.IndexOf(header, name);
        Assert.Equal(1470, rows.Count);
        var leaversInCsv = rows.Count(r => r[Col("Attrition")] == "Yes");
        Assert.Equal(237, leaversInCsv);
        var trainingsInCsv = rows.Sum(r => int.Parse(r[Col("TrainingTimesLastYear")], CultureInfo.InvariantCulture));

        Assert.Equal(0, await ImportHris(IbmSample.Csv, "--snapshot-date", Snapshot, "--batch-size", "1000", "--org", app.Organisation));
        Assert.Equal(1470, await CountAsync(app.Organisation, "person_hired"));
        Assert.Equal(leaversInCsv, await CountAsync(app.Organisation, "person_left"));
        Assert.Equal(trainingsInCsv, await CountAsync(app.Organisation, "course_completed"));
        Assert.Equal(1470, await CountAsync(app.Organisation, "performance_signal"));
        var total = await CountAsync(app.Organisation);
        Assert.Equal(1470 + leaversInCsv + trainingsInCsv + 1470, total);

        // Re-import (other batch size): every id is already stored, nothing is appended.
        Assert.Equal(0, await ImportHris(IbmSample.Csv, "--snapshot-date", Snapshot, "--batch-size", "333", "--org", app.Organisation));
        Assert.Equal(total, await CountAsync(app.Organisation));

        // THE check: the endpoint's correlation over the snapshot year = Pearson r straight from the CSV.
        var x = rows.Select(r => double.Parse(r[Col("TrainingTimesLastYear")], CultureInfo.InvariantCulture)).ToList();
        var y = rows.Select(r => r[Col("Attrition")] == "Yes" ? 1.0 : 0.0).ToList();
        var expected = Pearson(x, y);

        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));
        var from = DateOnly.Parse(Snapshot, CultureInfo.InvariantCulture).AddDays(-365).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var json = await app.GetJsonAsync($"/api/analytics/retention/correlation?from={from}&to={Snapshot}&measure=courses");
        output.WriteLine(json.ToString());
        Assert.Equal(1470, json.GetProperty("n").GetInt32());
        Assert.Equal(leaversInCsv, json.GetProperty("leavers").GetInt32());
        Assert.Equal(rows.Count(r => r[Col("TrainingTimesLastYear")] != "0"), json.GetProperty("learners").GetInt32());
        var r = json.GetProperty("r").GetDouble();
        output.WriteLine($"r = {r:R} (endpoint), {expected:R} (from the CSV)");
        Assert.Equal(expected, r, 1e-9);
    }

    /// <summary>The first 60 rows of the sample, with row <paramref name="badRow"/> (header = row 1) given a bad tenure.</summary>
    private string SmallCsv(string name, int rowsWanted, int? badRow = null)
    {
        var lines = File.ReadAllLines(IbmSample.Csv).Take(rowsWanted + 1).ToList();
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        var tenure = Array.IndexOf(header, "YearsAtCompany");
        if (badRow is { } b)
        {
            var cells = lines[b - 1].Split(',');
            cells[tenure] = "ten";
            lines[b - 1] = string.Join(',', cells);
        }
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>Events the mapping makes of one row: hire, trainings, rating, departure.</summary>
    private static int EventsOf(string[] header, string[] row) =>
        1 + int.Parse(row[Array.IndexOf(header, "TrainingTimesLastYear")], CultureInfo.InvariantCulture) + 1 + (row[Array.IndexOf(header, "Attrition")] == "Yes" ? 1 : 0);

    [SkippableFact]
    public async Task A_bad_row_stops_the_import_with_its_row_number_and_column_and_earlier_batches_stay()
    {
        IbmSample.SkipIfMissing();
        const int badRow = 41, batch = 25;
        var csv = SmallCsv("bad.csv", 60, badRow);
        Assert.Equal(1, await ImportHris(csv, "--snapshot-date", Snapshot, "--batch-size", batch.ToString(CultureInfo.InvariantCulture), "--org", "hris-bad"));

        // Rows 2–40 give this many events; only whole batches of them were stored.
        var (header, rows) = IbmSample.Read();
        var before = rows.Take(badRow - 2).Sum(r => EventsOf(header, r));
        var stored = await CountAsync("hris-bad");
        Assert.True(stored > 0);
        Assert.Equal(before / batch * batch, stored);

        // The same load, through the reader and loader directly, to see the message.
        var mapping = HrisMapping.Load(IbmSample.Mapping);
        using var text = new StreamReader(csv);
        var reader = new HrisSnapshotReader(text, mapping, DateOnly.Parse(Snapshot, CultureInfo.InvariantCulture));
        var appender = new LedgerAppender(app.Store, new LedgerDatabase(app.ConnectionString), TimeProvider.System);
        var loader = new BatchLoader(appender, new AppendContext("hris-bad", "test", "t"), batch);
        var stop = await Assert.ThrowsAsync<LoadStoppedException>(() => loader.LoadAsync(reader.Events(), null, CancellationToken.None));
        Assert.Equal(badRow, stop.Line);
        Assert.Equal("row 41, column YearsAtCompany: 'ten' is not a number", stop.Message);
        Assert.Equal(stored, await CountAsync("hris-bad"));
    }

    [SkippableFact]
    public async Task Another_snapshot_date_for_the_same_organisation_is_refused()
    {
        IbmSample.SkipIfMissing();
        var csv = SmallCsv("small.csv", 10);
        Assert.Equal(0, await ImportHris(csv, "--snapshot-date", "2025-03-31", "--org", "hris-guard"));
        var stored = await CountAsync("hris-guard");
        Assert.Equal(1, await ImportHris(csv, "--snapshot-date", "2025-04-30", "--org", "hris-guard"));
        Assert.Equal(stored, await CountAsync("hris-guard"));
        Assert.Equal(0, await ImportHris(csv, "--snapshot-date", "2025-03-31", "--org", "hris-guard"));
        Assert.Equal(stored, await CountAsync("hris-guard"));
    }

    [SkippableFact]
    public async Task Usage_and_mapping_errors()
    {
        IbmSample.SkipIfMissing();
        var csv = SmallCsv("u.csv", 3);
        await Assert.ThrowsAsync<UsageException>(() => HrisImportCommand.RunAsync(new CliArgs([csv, "--db", app.ConnectionString]), CancellationToken.None));
        await Assert.ThrowsAsync<UsageException>(() => ImportHris(csv, "--snapshot-date", "30/06/2025"));
        await Assert.ThrowsAsync<UsageException>(() => ImportHris(csv, "--snapshot-date", "2999-01-01"));

        var badMapping = Path.Combine(_dir, "bad.mapping.json");
        File.WriteAllText(badMapping, File.ReadAllText(IbmSample.Mapping).Replace("\"YearsAtCompany\"", "\"YearsAtCompny\""));
        Assert.Equal(1, await HrisImportCommand.RunAsync(new CliArgs([csv, "--mapping", badMapping, "--snapshot-date", Snapshot,
            "--db", app.ConnectionString, "--no-progress", "--org", "hris-usage"]), CancellationToken.None));
        Assert.Equal(0, await CountAsync("hris-usage"));
    }
}
