using SkillsLedger.Domain.Events;
using SkillsLedger.Hris;
using SkillsLedger.Ingestion;

namespace SkillsLedger.Tests.Hris;

/// <summary>The mapping's date rules, CSV reading and row mapping, without a database.</summary>
public sealed class HrisMappingRulesTests
{
    private static readonly DateOnly Snapshot = new(2025, 6, 30);
    // The retention query from=snapshot−365 to=snapshot, as the endpoint reads dates (end of that day, UTC).
    private static readonly DateTimeOffset WindowFrom = new(2024, 6, 30, 23, 59, 59, TimeSpan.Zero);
    private static readonly DateTimeOffset WindowTo = new(2025, 6, 30, 23, 59, 59, TimeSpan.Zero);

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    private static IEnumerable<string> People() => Enumerable.Range(1, 2000).Select(i => "P" + i);

    [Fact]
    public void Hire_date_is_snapshot_minus_tenure_minus_a_per_person_offset_under_a_year()
    {
        foreach (var years in new[] { 0, 1, 3, 10, 40 })
        {
            var days = new HashSet<DateTimeOffset>();
            foreach (var p in People())
            {
                var hired = HrisDateRules.HiredAt(Snapshot, years, p);
                var latest = Snapshot.AddDays(-(int)Math.Floor(years * 365.25));
                var day = DateOnly.FromDateTime(hired.UtcDateTime);
                Assert.InRange(day.DayNumber, latest.AddDays(-364).DayNumber, latest.DayNumber);
                Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(hired.UtcDateTime));
                Assert.Equal(TimeSpan.Zero, hired.Offset);
                Assert.Equal(hired, HrisDateRules.HiredAt(Snapshot, years, p)); // deterministic
                days.Add(hired);
            }
            Assert.True(days.Count > 300, $"hires for {years} years spread over {days.Count} days only");
        }
        // Worked by hand from docs/hris-import.md (SHA-256 computed outside .NET, with Python's hashlib): the first 8
        // bytes of SHA-256("IBM-1|hire") read little-endian are 907835477854138580; mod 365 = 200. 3 years → ⌊1095.75⌋
        // = 1,095 days, + 200 = 1,295 days before 2025-06-30 → 2021-12-13, at 09:00 UTC.
        Assert.Equal(907835477854138580UL, HrisDateRules.Hash("IBM-1", "hire"));
        Assert.Equal(Utc(2021, 12, 13, 9, 0), HrisDateRules.HiredAt(Snapshot, 3, "IBM-1"));
    }

    [Fact]
    public void Departure_is_after_the_hire_inside_the_snapshot_year()
    {
        foreach (var years in new[] { 0, 1, 5 })
            foreach (var p in People())
            {
                var hired = HrisDateRules.HiredAt(Snapshot, years, p);
                var left = HrisDateRules.LeftAt(Snapshot, hired, p);
                Assert.True(left > hired, $"{p}: left {left} not after hired {hired}");
                Assert.True(left > WindowFrom && left <= HrisDateRules.SnapshotAt(Snapshot), $"{p}: left {left} outside the snapshot year");
                Assert.Equal(left, HrisDateRules.LeftAt(Snapshot, hired, p));
                var perf = HrisDateRules.PerformanceAt(Snapshot, left);
                Assert.True(perf >= hired && perf < left);
            }
        // Everyone is hired by the snapshot, so everyone is employed at some time in the one-year window.
        Assert.All(People(), p => Assert.True(HrisDateRules.HiredAt(Snapshot, 0, p) <= WindowTo));
    }

    [Fact]
    public void Trainings_fall_inside_employment_and_inside_the_one_year_window()
    {
        foreach (var years in new[] { 0, 2 })
            foreach (var p in People())
                foreach (var leaves in new[] { false, true })
                    foreach (var k in new[] { 1, 3, 6 })
                    {
                        var hired = HrisDateRules.HiredAt(Snapshot, years, p);
                        DateTimeOffset? left = leaves ? HrisDateRules.LeftAt(Snapshot, hired, p) : null;
                        var times = HrisDateRules.TrainingTimes(Snapshot, hired, left, k, p);
                        Assert.Equal(k, times.Count);
                        foreach (var t in times)
                        {
                            Assert.True(t >= hired, $"{p}: training {t} before hire {hired}");
                            if (left is { } l) Assert.True(t < l, $"{p}: training {t} not before departure {l}");
                            Assert.True(t > WindowFrom && t <= WindowTo, $"{p}: training {t} outside the window");
                        }
                        Assert.Equal(times.Order(), times);
                    }
    }

    [Theory]
    [InlineData("Sales Executive", "sales-executive")]
    [InlineData("Research & Development", "research-development")]
    [InlineData("  R&D -- Lab Tech 2 ", "r-d-lab-tech-2")]
    [InlineData("Manager", "manager")]
    public void Roles_normalise_to_kebab_case(string raw, string expected) => Assert.Equal(expected, HrisSnapshotReader.KebabCase(raw));

    [Fact]
    public void Csv_follows_rfc_4180()
    {
        var text = "\uFEFFid,name,note\r\n1,\"Smith, Jo\",\"said \"\"hi\"\"\"\r\n\r\n2,Lee,\"two\r\nlines\"\n3,,\n";
        var csv = new CsvRecordReader(new StringReader(text));
        Assert.Equal(["id", "name", "note"], csv.Read()!);
        Assert.Equal(["1", "Smith, Jo", "said \"hi\""], csv.Read()!);
        Assert.Equal(["2", "Lee", "two\r\nlines"], csv.Read()!);
        Assert.Equal((3L, 4L), (csv.Row, csv.Line));
        Assert.Equal(["3", "", ""], csv.Read()!);
        Assert.Equal((4L, 6L), (csv.Row, csv.Line));
        Assert.Null(csv.Read());

        var bad = new CsvRecordReader(new StringReader("a,b\n1,x\"y\n"));
        bad.Read();
        var ex = Assert.Throws<CsvFormatException>(() => bad.Read());
        Assert.Equal("row 2, field 2: a quote inside an unquoted field (quote the whole field and double the quote)", ex.Message);
    }

    private static HrisMapping Mapping() => new()
    {
        Source = "hris:test",
        PersonId = new PersonIdMapping { Column = "Id", Prefix = "T-", WhenMissing = "row-number" },
        Department = new ColumnMapping { Column = "Dept" },
        Role = new RoleMapping { Column = "Role", KebabCase = true, Values = new() { ["Boss"] = "people-manager" } },
        Tenure = new ColumnMapping { Column = "Years" },
        Attrition = new AttritionMapping { Column = "Left", LeftValue = "Yes", StayedValue = "No" },
        Training = new TrainingMapping { Column = "Trainings", CourseId = "c-{n}", ProgramId = "prog", Hours = 4 },
        Performance = new PerformanceMapping { Column = "Rating", Metric = "rating", Unit = "1-4" },
    };

    [Fact]
    public void A_row_becomes_hire_trainings_rating_and_departure_with_stable_ids()
    {
        var csv = "Id,Dept,Role,Years,Left,Trainings,Rating\n7,Sales,Sales Executive,2,Yes,2,3\n,R&D,Boss,0,no,0,\n";
        var reader = new HrisSnapshotReader(new StringReader(csv), Mapping(), Snapshot);
        var events = reader.Events().ToList();

        var first = events.Where(e => e.Row == 2).Select(e => e.Event).ToList();
        Assert.Equal(["person_hired", "course_completed", "course_completed", "performance_signal", "person_left"], first.Select(e => e.Type));
        Assert.Equal(["hris-2025-06-30-T-7-hired", "hris-2025-06-30-T-7-course-1", "hris-2025-06-30-T-7-course-2",
            "hris-2025-06-30-T-7-performance", "hris-2025-06-30-T-7-left"], first.Select(e => e.EventId!));
        Assert.All(first, e => Assert.Equal("hris:test", e.Source));
        var hired = Assert.IsType<PersonHired>(first[0]);
        Assert.Equal(("T-7", "Sales", "sales-executive"), (hired.PersonId, hired.Department, hired.Role));
        // Dates worked by hand from the documented rules (hashes from Python's hashlib, not from the code under test):
        // hire: hash("T-7|hire") mod 365 = 171; 2 years → 730 days; 901 days before 2025-06-30 = 2023-01-11, 09:00.
        // left: first = 2024-07-01 (the year start, after the hire), span 365, hash("T-7|left") mod 365 = 173 → 2024-12-21, 17:00.
        // trainings: start 2024-07-01 00:00, end 2024-12-21 17:00 = 250,140 minutes; u = (hash("T-7|training") mod 1000
        // + 0.5)/1000 = 0.2745; training 0 at ⌊250140 × 0.2745 / 2⌋ = 34,331 min → 2024-07-24 20:11; training 1 at
        // ⌊250140 × 1.2745 / 2⌋ = 159,401 min → 2024-10-19 16:41. Rating one hour before leaving: 2024-12-21 16:00.
        Assert.Equal([Utc(2023, 1, 11, 9, 0), Utc(2024, 7, 24, 20, 11), Utc(2024, 10, 19, 16, 41), Utc(2024, 12, 21, 16, 0), Utc(2024, 12, 21, 17, 0)],
            first.Select(e => e.OccurredAt));
        var course = Assert.IsType<CourseCompleted>(first[2]);
        Assert.Equal(("c-2", "prog", 4m), (course.CourseId, course.ProgramId, course.Hours));
        Assert.Equal(LeavingReason.Voluntary, Assert.IsType<PersonLeft>(first[4]).Reason);

        // Blank id → T-row3; Boss → people-manager by the values table; stayed ("no", case-insensitive); blank rating → no signal.
        var second = events.Where(e => e.Row == 3).Select(e => e.Event).ToList();
        var hired2 = Assert.IsType<PersonHired>(Assert.Single(second));
        Assert.Equal(("T-row3", "people-manager"), (hired2.PersonId, hired2.Role));
        // 0 years; hash("T-row3|hire") mod 365 = 308 → 308 days before 2025-06-30 = 2024-08-26, 09:00.
        Assert.Equal(Utc(2024, 8, 26, 9, 0), hired2.OccurredAt);
        Assert.Equal(1, reader.Totals.RowNumberIds);
    }

    [Theory]
    [InlineData("Id,Dept,Role,Years,Left,Trainings,Rating\n7,Sales,X,2,Yes,2,3\n7,Sales,X,2,No,1,3\n", "row 3, column Id: person id 'T-7' already appears in row 2")]
    [InlineData("Id,Dept,Role,Years,Left,Trainings,Rating\n7,Sales,X,2,Maybe,2,3\n", "row 2, column Left: 'Maybe' is neither 'Yes' (left) nor 'No' (stayed)")]
    [InlineData("Id,Dept,Role,Years,Left,Trainings,Rating\n7,,X,2,Yes,2,3\n", "row 2, column Dept: is empty")]
    [InlineData("Id,Dept,Role,Years,Left,Trainings,Rating\n7,Sales,X,-1,Yes,2,3\n", "row 2, column Years: -1 years is outside 0–100")]
    [InlineData("Id,Dept,Role,Years,Left,Trainings,Rating\n7,Sales,X,1,Yes,2.5,3\n", "row 2, column Trainings: '2.5' is not a whole number of trainings")]
    [InlineData("Id,Dept,Role,Years,Left,Trainings,Rating\n7,Sales,X,1,Yes,2\n", "row 2: has 6 fields, the header has 7")]
    public void Bad_rows_name_their_row_and_column(string csv, string message)
    {
        var reader = new HrisSnapshotReader(new StringReader(csv), Mapping(), Snapshot);
        var ex = Assert.Throws<LoadStoppedException>(() => reader.Events().ToList());
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Mapping_errors_name_the_field()
    {
        var ex = Assert.Throws<HrisMappingException>(() => new HrisSnapshotReader(new StringReader("Id,Dept\n"), Mapping(), Snapshot));
        Assert.StartsWith("mapping mapping: role.column: 'Role' is not a column of the CSV", ex.Message);

        var dir = Directory.CreateTempSubdirectory("hris-map-").FullName;
        try
        {
            var path = Path.Combine(dir, "m.json");
            File.WriteAllText(path, """{"personId":{"column":"Id","colum":"x"}}""");
            Assert.Equal("mapping m.json: personId.colum: is not a field of the mapping (field names are camelCase)",
                Assert.Throws<HrisMappingException>(() => HrisMapping.Load(path)).Message);
            File.WriteAllText(path, """{"personId":{"column":"Id"},"department":{"column":"D"},"role":{"column":"R"}}""");
            Assert.Equal("mapping m.json: tenure: is required (hire dates are synthesised from it)",
                Assert.Throws<HrisMappingException>(() => HrisMapping.Load(path)).Message);
            // The shipped example loads.
            Assert.Equal("hris:ibm-sample", HrisMapping.Load(IbmSample.Mapping).Source);
        }
        finally { Directory.Delete(dir, true); }
    }
}
