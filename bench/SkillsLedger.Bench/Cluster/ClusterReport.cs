namespace SkillsLedger.Bench.Cluster;

public sealed record ClusterReport(List<NodeReport> Nodes, IngestReport Ingest, KillReport? Kill, CatchUpReport CatchUp,
    ExactlyOnceReport ExactlyOnce, CopyBaselineReport CopyBaseline, bool Passed, List<string> Failures);

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
