namespace SkillsLedger.Bench.Cluster;

public sealed record ClusterReport(List<NodeReport> Nodes, IngestReport Ingest, KillReport? Kill, CatchUpReport CatchUp,
    ExactlyOnceReport ExactlyOnce, CopyBaselineReport CopyBaseline, bool Passed, List<string> Failures, DuringIngestReport? DuringIngest = null);

public sealed record NodeReport(string Url, int NodeNumber, int ProcessId);

/// <summary>RatioToCopy: events/s acknowledged over the cluster ÷ raw binary COPY rows/s of the same events on the same server.</summary>
public sealed record IngestReport(int Nodes, int Clients, int BatchEvents, int BatchesAcknowledged, long EventsAcknowledged, double Seconds,
    double EventsPerSecond, double? RatioToCopy, int Requests, int BatchesRetried, SortedDictionary<string, int> FailedAttempts,
    double? P50Ms, double? P99Ms, int BatchesRejected);

/// <summary>Seconds from the SIGKILL: until a live node held the projection (Reassigned) and until it moved forward (Recovery).</summary>
public sealed record KillReport(int KilledNode, int KilledPid, Uri KilledUrl, double AtIngestSecond, long PositionAtKill,
    double? ReassignedSeconds, double? RecoverySeconds, int? NewOwner, long? PositionAtRecovery, bool KilledWasLeader, int? LeaderAfter);

public sealed record CatchUpReport(bool CaughtUp, double Seconds, long LastSequence, long Position, int? Node);

public sealed record ExactlyOnceReport(int Acknowledged, int DistinctAcknowledged, long StoredEvents, long EventIdRows,
    int Missing, int Duplicated, int Unacknowledged, bool Passed);

public sealed record CopyBaselineReport(long Rows, double Seconds, double RowsPerSecond);

/// <summary>
/// The step run mid-way (<see cref="ClusterClientOptions.DuringIngest"/>): when it started (seconds into the ingest), how long it
/// took, and the events acknowledged before it started, while it ran and after it returned — "during" above 0 shows
/// that appends went on beside it.
/// </summary>
public sealed record DuringIngestReport(double AtIngestSecond, double Seconds, long AcknowledgedBefore, long AcknowledgedDuring, long AcknowledgedAfter);
