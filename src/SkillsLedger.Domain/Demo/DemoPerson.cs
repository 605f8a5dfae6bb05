using SkillsLedger.Domain.Events;
using static SkillsLedger.Domain.Demo.DemoWindow;

namespace SkillsLedger.Domain.Demo;

/// <summary>
/// One employee's simulated working life inside the demo window. Everything is drawn from the person's own random
/// stream (seed + index), so a person's history never depends on who was generated before them.
/// </summary>
internal sealed class DemoPerson
{
    // Skills are tracked as a position on the skill's own scale (0 = bottom, 1 = top) so one rate fits every scale.
    private const double YearlyGrowth = 0.05;          // ≈ +0.2 level a year on a 1–5 scale
    private const double LearnerYearlyGrowth = 0.15;   // ≈ +0.6 level a year once someone has completed a course
    private const double LearnerLeavingFactor = 0.6;   // learners are less likely to leave…
    private const double LearnerOutputUplift = 1.12;   // …and produce more afterwards
    private const double FirstCohortShare = 0.6;       // the workforce already in place when history starts
    private const double LearningIntent = 0.55;        // not all of them get to a course before leaving or AsOf
    private const double OnboardingLearnerShare = 0.4; // learners whose first course falls in their first 90 days
    private const double MoveShare = 0.11;
    private const double RetractionShare = 0.015;
    private const double SkillLedMoveShare = 0.5;      // of role moves: to the role the person's true skills fit best, not the usual next step

    private static readonly string[] RetractionReasons =
        ["entered for the wrong person", "duplicate of an earlier entry", "wrong skill selected", "assessor withdrew the rating"];

    private static readonly IReadOnlyList<(DemoRole, double)> HiringMix = DemoCatalogue.Roles.Select(r => (r, r.HiringWeight)).ToList();

    private readonly DemoRandom _rng;
    private readonly DemoRandom _birthRng; // its own stream: adding birth years changed no other draw of the demo
    private readonly DemoRandom _moveRng;  // its own stream: skill-led moves draw nothing from the person's main stream
    private readonly DemoWindow _window;
    private readonly int _people;
    private readonly int _index;
    private readonly string _id;
    private readonly List<IPersonEvent> _events = [];
    private readonly Dictionary<AssessmentRetracted, SkillAssessed> _retracts = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, double> _startingPosition = new(StringComparer.Ordinal);
    private readonly List<(DateOnly Day, DemoCourse Course)> _courses = [];

    private DateOnly _hired;
    private bool _firstCohort;
    private DemoDepartment _department = null!;
    private DemoRole _role = null!;
    private string _team = "";
    private DateOnly? _left;
    private DateOnly _lastWorkingDay;
    private (DateOnly Day, DemoRole Role)? _promotion;
    private string? _manager;
    private double _outputFactor;

    private DemoPerson(int seed, DemoWindow window, int people, int index)
    {
        _rng = DemoRandom.For(seed, "person", index);
        _birthRng = DemoRandom.For(seed, "birth", index);
        _moveRng = DemoRandom.For(seed, "move", index);
        _window = window;
        _people = people;
        _index = index;
        _id = $"E{index + 1:D6}";
    }

    /// <summary>The person's events in time order, with event ids assigned.</summary>
    public static List<ILedgerEvent> Live(int seed, DemoWindow window, int people, int index)
    {
        var person = new DemoPerson(seed, window, people, index);
        person.Hire();
        var firstCourse = person.PlanFirstCourse();
        person.DecideLeaving(firstCourse);
        person.TakeCourses(firstCourse);
        person.MaybeMove();
        person.DrawStartingSkills();
        person.RecordRoleMove();
        person.AssessAtOnboarding();
        person.AssessInReviews();
        person.AssessByTests();
        person.AssessAfterCourses();
        person.ReportMonthlyOutput();
        person.RecordLeaving();
        return person.InTimeOrderWithIds(seed);
    }

    private DateOnly? FirstCourseDay => _courses.Count > 0 ? _courses[0].Day : null;

    private DemoRole RoleOn(DateOnly day) => _promotion is { } p && day >= p.Day ? p.Role : _role;

    private void Hire()
    {
        _firstCohort = _rng.Chance(FirstCohortShare);
        var windowDays = _window.AsOf.DayNumber - _window.Start.DayNumber;
        _hired = _firstCohort ? _window.Start : _window.Start.AddDays(_rng.Next(1, windowDays + 1));
        _role = _rng.PickWeighted(HiringMix);
        _department = _role.Department is { } d ? DemoCatalogue.DepartmentByName[d] : _rng.Pick(DemoCatalogue.Departments);
        _team = _rng.Pick(_department.Teams);
        var salary = Math.Round(_role.MonthlySalary * (decimal)(0.9 + 0.2 * _rng.NextDouble()) / 50m) * 50m;
        _outputFactor = Math.Max(0.5, 1 + 0.15 * _rng.Normal());
        _manager = Colleague(Math.Max(1, _people / 10)); // managers come from the longer-serving first tenth
        _events.Add(new PersonHired(_id, _department.Name, _role.Id, _team, salary, At(_hired, 9, 0), Source: "demo:hris",
            BirthYear: BirthYear()?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Age at hire: the workforce already in place 23–62, later hires mostly younger (21–50, a few up to 60), senior
    /// roles eight years older; about 6 % of records have no birth year (generation "unknown").
    /// </summary>
    private int? BirthYear()
    {
        if (_birthRng.Chance(0.06)) return null;
        var age = _firstCohort ? _birthRng.Next(23, 63) : _birthRng.Chance(0.85) ? _birthRng.Next(21, 51) : _birthRng.Next(51, 61);
        if (_role.Senior) age = Math.Min(age + 8, 66);
        return Math.Clamp(_hired.Year - age, 1930, 2015);
    }

    /// <summary>When this person would finish a first course, if they mean to learn at all.</summary>
    private DateOnly? PlanFirstCourse()
    {
        if (!_rng.Chance(LearningIntent)) return null;
        return _rng.Chance(OnboardingLearnerShare) ? _hired.AddDays(_rng.Next(7, 90)) : _hired.AddDays(_rng.Next(60, 480));
    }

    /// <summary>A monthly chance of leaving (the department's yearly hazard / 12), lower once the person has learned.</summary>
    private void DecideLeaving(DateOnly? firstCourse)
    {
        var monthlyHazard = _department.AnnualLeavingHazard / 12;
        for (var month = _hired.AddDays(30); month <= _window.AsOf; month = month.AddDays(30))
        {
            var learner = firstCourse is { } f && f < month;
            if (!_rng.Chance(learner ? monthlyHazard * LearnerLeavingFactor : monthlyHazard)) continue;
            var day = month.AddDays(_rng.Next(0, 30));
            if (day <= _window.AsOf) _left = day;
            break;
        }
        _lastWorkingDay = _left?.AddDays(-1) ?? _window.AsOf;
    }

    private void TakeCourses(DateOnly? firstCourse)
    {
        var extraCourses = _rng.Next(0, 4);
        for (var day = firstCourse; day is { } d && d <= _lastWorkingDay && _courses.Count <= extraCourses; day = d.AddDays(_rng.Next(45, 240)))
        {
            if (NextCourse(d) is not { } course) break;
            _courses.Add((d, course));
            var score = Math.Clamp(Math.Round((decimal)(62 + 30 * _rng.NextDouble() + 6 * _rng.Normal())), 50m, 100m);
            _events.Add(new CourseCompleted(_id, course.Id, course.ProgramId, course.Hours, score, course.Skills,
                At(d, _rng.Next(13, 17), _rng.Next(0, 60)), Source: "demo:lms"));
        }
    }

    /// <summary>Picks a programme that suits the person's department (team leads favour leadership), then its next course.</summary>
    private DemoCourse? NextCourse(DateOnly day)
    {
        var programmes = RoleOn(day).Id == "team-lead"
            ? [("leadership-academy", 0.8), .. _department.Programmes.Select(p => (p.ProgramId, p.Weight * 0.2))]
            : _department.Programmes;
        var preferred = DemoCatalogue.ProgrammeById[_rng.PickWeighted(programmes)];
        return preferred.Courses.Concat(DemoCatalogue.Programmes.SelectMany(p => p.Courses))
            .FirstOrDefault(c => _courses.All(taken => taken.Course != c));
    }

    /// <summary>About one in ten move: a promotion where the role has a next step, otherwise a change of team.</summary>
    private void MaybeMove()
    {
        var tenureDays = _lastWorkingDay.DayNumber - _hired.DayNumber;
        if (!_rng.Chance(MoveShare) || tenureDays <= 240) return;
        var day = _hired.AddDays(_rng.Next(180, tenureDays));
        if (_role.PromotesTo is { } next && _rng.Chance(0.6))
            _promotion = (day, DemoCatalogue.RoleById[next]); // the destination may still follow the skills: RecordRoleMove
        else if (_department.Teams.Count > 1)
        {
            var otherTeams = _department.Teams.Where(t => t != _team).ToList();
            _events.Add(new PersonMoved(_id, null, null, _rng.Pick(otherTeams), At(day, 10, 0), Source: "demo:hris"));
        }
    }

    /// <summary>
    /// Moves follow skills (issue 16's proof needs true structure to find): half of the role moves go to the role
    /// whose profile the person's true skills fit best that day (fit = Σ min(position, required) / Σ required, 0–1 of
    /// each scale; ties in catalogue order) instead of the usual next step. Runs once starting skills are drawn.
    /// </summary>
    private void RecordRoleMove()
    {
        if (_promotion is not { } move) return;
        if (_moveRng.Chance(SkillLedMoveShare))
            _promotion = move = (move.Day, DemoCatalogue.Roles.Where(r => r != _role).MaxBy(r => TrueFit(r, move.Day))!);
        _events.Add(new PersonMoved(_id, null, move.Role.Id, null, At(move.Day, 10, 0), Source: "demo:hris"));
    }

    private double TrueFit(DemoRole role, DateOnly day) =>
        role.Profile.Sum(r => Math.Min(TruePosition(r.Skill, day), Position(r))) / role.Profile.Sum(Position);

    private static double Position(SkillRequirement r) =>
        (double)(r.Level - DemoCatalogue.SkillById[r.Skill].Min) / DemoCatalogue.SkillById[r.Skill].Range;

    /// <summary>People already in place start further up; people in their role's skills and senior people more so.</summary>
    private void DrawStartingSkills()
    {
        var roleSkills = _role.Profile.Select(r => r.Skill).ToHashSet();
        foreach (var skill in DemoCatalogue.Skills)
        {
            var position = (_firstCohort ? 0.30 : 0.20) + 0.30 * _rng.NextDouble();
            if (roleSkills.Contains(skill.Id)) position += 0.10;
            if (_role.Senior) position += 0.10;
            _startingPosition[skill.Id] = position;
        }
    }

    /// <summary>The true (unobserved) skill position on a day: slow growth, faster after a first course, plus course jumps.</summary>
    /// <remarks>Each earlier course that trains the skill adds its jump (DemoEffects: format, skill family, starting level).</remarks>
    private double TruePosition(string skill, DateOnly day)
    {
        var position = GrownPosition(skill, day);
        foreach (var (courseDay, course) in _courses)
            if (courseDay < day && course.Skills.Contains(skill))
                position += DemoEffects.Jump(course, DemoCatalogue.SkillById[skill], GrownPosition(skill, courseDay));
        return Math.Clamp(position, 0, 1);
    }

    /// <summary>Starting position plus growth over time (faster once a learner), without course jumps.</summary>
    private double GrownPosition(string skill, DateOnly day)
    {
        var position = _startingPosition[skill];
        if (FirstCourseDay is { } first && day > first)
            position += Years(_hired, first) * YearlyGrowth + Years(first, day) * LearnerYearlyGrowth;
        else
            position += Years(_hired, day) * YearlyGrowth;
        return position;
    }

    private void AssessAtOnboarding()
    {
        var day = _hired.AddDays(_rng.Next(3, 21));
        foreach (var requirement in _role.Profile)
            Assess(day, requirement.Skill, AssessmentMethod.Self, null, _firstCohort ? "Skills baseline survey" : "Onboarding self-assessment");
        Assess(day, _rng.Pick(_role.Profile).Skill, AssessmentMethod.Inferred, null,
            _firstCohort ? "Inferred from project history" : "Inferred from CV");
    }

    /// <summary>Spring and autumn review cycles: the manager rates most role skills, the person some, up to two peers one skill each.</summary>
    private void AssessInReviews()
    {
        for (var year = _window.Start.Year; year <= _window.AsOf.Year; year++)
        {
            foreach (var month in (int[])[3, 9])
            {
                var day = new DateOnly(year, month, _rng.Next(1, 29));
                if (day < _hired.AddDays(60)) continue;
                var cycle = month == 3 ? "Spring review" : "Autumn review";
                var profile = RoleOn(day).Profile;
                foreach (var requirement in profile)
                {
                    if (_rng.Chance(0.8)) Assess(day, requirement.Skill, AssessmentMethod.Manager, _manager, cycle);
                    if (_rng.Chance(0.4)) Assess(day, requirement.Skill, AssessmentMethod.Self, null, null);
                }
                for (var peers = _rng.Next(0, 3); peers > 0; peers--)
                    Assess(day.AddDays(_rng.Next(0, 14)), _rng.Pick(profile).Skill, AssessmentMethod.Peer, Colleague(_people), "360° feedback");
            }
        }
    }

    /// <summary>Skills with an online test get one about once a year, half the time.</summary>
    private void AssessByTests()
    {
        foreach (var skill in DemoCatalogue.Skills.Where(s => s.HasOnlineTest))
        {
            for (var day = _hired.AddDays(_rng.Next(60, 300)); day <= _lastWorkingDay; day = day.AddDays(365))
            {
                if (_rng.Chance(0.5) && RoleOn(day).Profile.Any(r => r.Skill == skill.Id))
                    Assess(day, skill.Id, AssessmentMethod.Test, null, $"Online {skill.Name} test");
            }
        }
    }

    /// <summary>The LMS infers a level for each skill a course trains; some programmes lead to a certificate weeks later.</summary>
    private void AssessAfterCourses()
    {
        foreach (var (day, course) in _courses)
        {
            foreach (var skill in course.Skills)
                Assess(day.AddDays(1), skill, AssessmentMethod.Inferred, null, $"Inferred from completing {course.Id}");
            if (DemoCatalogue.ProgrammeById[course.ProgramId].HasCertificate && _rng.Chance(0.3))
            {
                var skill = DemoCatalogue.SkillById[course.Skills[0]];
                Assess(day.AddDays(_rng.Next(14, 60)), skill.Id, AssessmentMethod.Certification, null, $"{skill.Name} certificate");
            }
        }
    }

    private void Assess(DateOnly day, string skillId, AssessmentMethod method, string? assessor, string? evidence)
    {
        if (day < _hired || day > _lastWorkingDay) return;
        var skill = DemoCatalogue.SkillById[skillId];
        var (bias, spread) = MeasurementError(method);
        var position = Math.Clamp(TruePosition(skillId, day) + bias + spread * _rng.Normal(), 0, 1);
        var steps = method == AssessmentMethod.Test ? 2m : 1m; // tests report half levels, everyone else whole ones
        var level = Math.Round((decimal)(skill.Min + position * skill.Range) * steps, MidpointRounding.AwayFromZero) / steps;
        var assessment = new SkillAssessed(_id, skillId, level, method, assessor, evidence,
            At(day, _rng.Next(9, 17), _rng.Next(0, 60)), Source: "demo:skills");
        _events.Add(assessment);
        if (_rng.Chance(RetractionShare)) Retract(assessment, day.AddDays(_rng.Next(1, 22)));
    }

    /// <summary>How far, and how consistently, each method misses the true level (as a share of the scale).</summary>
    private static (double Bias, double Spread) MeasurementError(AssessmentMethod method) => method switch
    {
        AssessmentMethod.Self => (0.10, 0.12),          // people rate themselves generously
        AssessmentMethod.Peer => (0.03, 0.10),
        AssessmentMethod.Manager => (0.00, 0.08),
        AssessmentMethod.Test => (-0.03, 0.06),         // tests are strict
        AssessmentMethod.Certification => (0.00, 0.04),
        _ => (0.00, 0.14),                              // inferred: unbiased but rough
    };

    private void Retract(SkillAssessed assessment, DateOnly day)
    {
        if (day > _lastWorkingDay) return;
        // The target's event id is only known once the events are put in order; see InTimeOrderWithIds.
        var retraction = new AssessmentRetracted(_id, "", _rng.Pick(RetractionReasons), At(day, 11, _rng.Next(0, 60)), Source: "demo:skills");
        _retracts[retraction] = assessment;
        _events.Add(retraction);
    }

    /// <summary>One figure per completed month: ramps up over the first six months, 12 % higher after a first course.</summary>
    private void ReportMonthlyOutput()
    {
        for (var monthEnd = MonthEnd(_hired); monthEnd <= _lastWorkingDay; monthEnd = MonthEnd(monthEnd.AddDays(1)))
        {
            var daysWorked = monthEnd.DayNumber - _hired.DayNumber;
            if (daysWorked < 14) continue; // too little of the month to count
            var ramp = _firstCohort ? 1.0 : Math.Min(1.0, 0.6 + 0.4 * daysWorked / 180.0);
            var uplift = FirstCourseDay is { } first && first <= monthEnd ? LearnerOutputUplift : 1.0;
            var value = _department.MonthlyOutput * RoleOn(monthEnd).OutputFactor * _outputFactor * ramp * uplift * (1 + 0.08 * _rng.Normal());
            _events.Add(new PerformanceSignal(_id, _department.Metric, Math.Max(0m, Math.Round((decimal)value)), _department.Unit,
                At(monthEnd, 23, 0), Source: "demo:performance"));
        }
    }

    private void RecordLeaving()
    {
        if (_left is not { } day) return;
        var roll = _rng.NextDouble();
        var reason = roll < 0.75 ? LeavingReason.Voluntary : roll < 0.92 ? LeavingReason.Involuntary : LeavingReason.Other;
        _events.Add(new PersonLeft(_id, reason, At(day, 17, 30), Source: "demo:hris"));
    }

    /// <summary>Sorts by occurredAt (stable, so same-time events keep their planned order), numbers them and links retractions.</summary>
    private List<ILedgerEvent> InTimeOrderWithIds(int seed)
    {
        var assessmentIds = new Dictionary<SkillAssessed, string>(ReferenceEqualityComparer.Instance);
        var result = new List<ILedgerEvent>(_events.Count);
        var number = 0;
        foreach (var e in _events.OrderBy(e => e.OccurredAt))
        {
            var id = $"demo-s{seed}-p{_index + 1:D6}-{++number:D4}";
            ILedgerEvent ready = e switch
            {
                AssessmentRetracted r => r with { RetractsEventId = assessmentIds[_retracts[r]] },
                _ => e,
            };
            if (e is SkillAssessed a) assessmentIds[a] = id;
            result.Add(ready.WithEventId(id));
        }
        return result;
    }

    /// <summary>Another person to act as manager or peer, drawn from the first <paramref name="poolSize"/> people.</summary>
    private string? Colleague(int poolSize)
    {
        if (_people < 2) return null;
        var other = _rng.Next(0, Math.Min(poolSize, _people));
        if (other == _index) other = (other + 1) % _people;
        return $"E{other + 1:D6}";
    }

    private static double Years(DateOnly from, DateOnly to) => (to.DayNumber - from.DayNumber) / 365.25;

    private static DateOnly MonthEnd(DateOnly day) => new(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month));
}
