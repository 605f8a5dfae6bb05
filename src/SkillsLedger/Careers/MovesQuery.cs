using Npgsql;
using SkillsLedger.Analytics.Careers;
using SkillsLedger.Domain.Events;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Careers;

/// <summary>One observed role change: who, from which role to which, when, and how long they had held the previous role.</summary>
public sealed record ObservedMove(string PersonId, string From, string To, DateTimeOffset At, double MonthsInPrevious, string EventId);

/// <param name="Moves">Role changes from <c>From</c> to <c>To</c> (person_moved events; n).</param>
/// <param name="People">Distinct people among them.</param>
/// <param name="ShareOfMovesFromRole">Moves / all observed moves out of <c>From</c>; null when suppressed.</param>
/// <param name="MonthsInPreviousRole">Months (days / 30.4375) the movers had held <c>From</c>: n, median, quartiles; null when suppressed.</param>
/// <param name="FitAtMove">Their fit for <c>To</c> with levels as of the move (null when <c>To</c> has no profile or suppressed).</param>
public sealed record MoveTransition(string From, string To, int Moves, int People, bool Suppressed, double? ShareOfMovesFromRole,
    SampleSummary? MonthsInPreviousRole, SampleSummary? FitAtMove);

public sealed record CareerMovesView(DateTimeOffset AsOf, int MinGroupSize, int Moves, IReadOnlyList<MoveTransition> Transitions, string Method, string Evidence, string Source);

/// <summary>
/// Observed career moves (issue 16 item 2, docs/methods.md "Observed career moves"): the role-to-role transitions
/// people actually made, read from the assignment history. Also the "how often people move from here to there" term
/// of the route score.
/// </summary>
public static class MovesQuery
{
    public const double DaysPerMonth = 30.4375; // 365.25 / 12
    public const string Method = "a move is a person_moved event (occurredAt ≤ asOf) that changes the person's role; months in the previous role = days " +
                                 "since the person entered it (hire, rehire or the move into it) / 30.4375; fit for the destination with levels (rule " +
                                 "weighted-recency v1) as of the move's occurredAt and the role profile in force now; medians and quartiles by linear " +
                                 "interpolation (type 7); transitions with fewer moves than minGroupSize are suppressed (n shown, figures withheld).";
    public const string Evidence = "every move is a person_moved event: GET /api/people/{personId}/events lists them per person (auditor); " +
                                   "analytics.person_assignment has one row per hire and move";
    public const string Source = "analytics.person_assignment, ledger_event_ids (event type), analytics.role_requirement, analytics.skill_assessment";

    /// <summary>One row of the assignment history in force order.</summary>
    public sealed record Assignment(string PersonId, DateTimeOffset ValidFrom, string? Role, bool IsMove, string EventId);

    public static async Task<CareerMovesView> AnalyseAsync(LedgerDatabase db, string org, DateTimeOffset asOf, int minGroupSize, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var moves = Moves(await AssignmentsAsync(conn, org, asOf, ct));
        var fits = await FitsAtMoveAsync(conn, org, moves, ct);
        return new CareerMovesView(asOf, minGroupSize, moves.Count, Summarise(moves, fits, minGroupSize), Method, Evidence, Source);
    }

    /// <summary>Every hire and move that occurred by asOf, per person in force order.</summary>
    public static async Task<List<Assignment>> AssignmentsAsync(NpgsqlConnection conn, string org, DateTimeOffset asOf, CancellationToken ct, DateTimeOffset? knownAt = null)
    {
        await using var cmd = new NpgsqlCommand($"""
            select a.person_id, a.valid_from, a.role, i.type = '{EventTypes.NameOf<PersonMoved>()}', a.event_id
              from analytics.person_assignment a
              left join {LedgerStoreConfiguration.Schema}.{LedgerTables.EventIds} i on i.tenant_id = a.org_id and i.event_id = a.event_id
             where a.org_id = $1 and a.valid_from <= $2 and {Projections.Analytics.LevelsAt.RecordedBy("a.org_id", "a.event_id", knownAt is null ? null : "$3")}
             order by a.person_id, a.valid_from, a.sequence
            """, conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(asOf);
        cmd.Parameters.Add(LearningPathQuery.Instant(knownAt));
        var rows = new List<Assignment>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new Assignment(r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.IsDBNull(2) ? null : r.GetString(2), !r.IsDBNull(3) && r.GetBoolean(3), r.GetString(4)));
        return rows;
    }

    /// <summary>Pure: the role changes in a person-ordered assignment history (a team or department change is no move).</summary>
    public static List<ObservedMove> Moves(IReadOnlyList<Assignment> rows)
    {
        var moves = new List<ObservedMove>();
        string? person = null, role = null;
        var since = DateTimeOffset.MinValue;
        foreach (var row in rows)
        {
            if (row.PersonId != person) (person, role) = (row.PersonId, null);
            if (row.IsMove && role is not null && row.Role is not null && row.Role != role)
                moves.Add(new ObservedMove(row.PersonId, role, row.Role, row.ValidFrom, (row.ValidFrom - since).TotalDays / DaysPerMonth, row.EventId));
            // A hire (or rehire) starts the clock afresh; a move starts it when the role changes.
            if (!row.IsMove || row.Role != role) since = row.ValidFrom;
            role = row.Role;
        }
        return moves;
    }

    /// <summary>Each move's fit for its destination as of the move (null when the destination has no profile).</summary>
    public static async Task<double?[]> FitsAtMoveAsync(NpgsqlConnection conn, string org, IReadOnlyList<ObservedMove> moves, CancellationToken ct)
    {
        var rows = await FitQuery.RequirementsAsync(conn, org, moves.Select(m => new FitQuery.FitQuestion(m.PersonId, m.At, m.To)).ToList(), ct);
        return rows.Select((r, i) => r.Count == 0 ? (double?)null : FitQuery.Of(moves[i].PersonId, moves[i].To, false, r, moves[i].At).Fit).ToArray();
    }

    /// <summary>Pure: transitions with their counts and summaries, most frequent first (tests check them by hand).</summary>
    public static List<MoveTransition> Summarise(IReadOnlyList<ObservedMove> moves, IReadOnlyList<double?> fits, int minGroupSize)
    {
        var outOf = moves.GroupBy(m => m.From).ToDictionary(g => g.Key, g => g.Count());
        return moves.Select((m, i) => (Move: m, Fit: fits[i])).GroupBy(x => (x.Move.From, x.Move.To)).Select(g =>
            {
                var n = g.Count();
                var people = g.Select(x => x.Move.PersonId).Distinct().Count();
                if (n < minGroupSize) return new MoveTransition(g.Key.From, g.Key.To, n, people, true, null, null, null);
                return new MoveTransition(g.Key.From, g.Key.To, n, people, false, (double)n / outOf[g.Key.From],
                    Quantiles.Summarise(g.Select(x => x.Move.MonthsInPrevious)), Quantiles.Summarise(g.Where(x => x.Fit is not null).Select(x => x.Fit!.Value)));
            })
            .OrderByDescending(t => t.Moves).ThenBy(t => t.From, StringComparer.Ordinal).ThenBy(t => t.To, StringComparer.Ordinal).ToList();
    }
}
