namespace ActorEcho.Cluster.Counters;

/// <summary>
/// Tell the membership actor (<see cref="Cluster.Membership"/>) a listener's current counts; the latest report is
/// written with the next heartbeat and counts locally at once. Reporting the same listener again replaces it.
/// </summary>
public sealed record ReportListenerCount(string Listener, long Live, long AcceptedTotal);
