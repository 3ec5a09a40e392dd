namespace ActorEcho.Cluster.Broadcast;

/// <summary>Running counts of this node's broadcast traffic, readable from any thread; they only grow.</summary>
public sealed class BroadcastStats
{
    private long _published;
    private long _lostPublishes;
    private long _received;
    private long _missed;
    private long _reconnects;

    /// <summary>Broadcasts this node handed to the database successfully.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>
    /// Broadcasts this node could not send (the database was unreachable or the command failed). At most once means
    /// they are not retried; a failure after the server committed is counted too, so this may overcount.
    /// </summary>
    public long LostPublishes => Interlocked.Read(ref _lostPublishes);

    /// <summary>Broadcasts from other nodes delivered to local subscribers.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>
    /// Broadcasts from other nodes known to be missed: gaps in a sender's sequence (while this node was not
    /// listening, or because the sender lost them), and large payloads whose row was gone.
    /// </summary>
    public long Missed => Interlocked.Read(ref _missed);

    /// <summary>Times the listening connection was re-established after it was lost.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    internal void AddPublished(int count) => Interlocked.Add(ref _published, count);

    internal void AddLost(int count) => Interlocked.Add(ref _lostPublishes, count);

    internal void AddReceived() => Interlocked.Increment(ref _received);

    internal void AddMissed(long count) => Interlocked.Add(ref _missed, count);

    internal void AddReconnect() => Interlocked.Increment(ref _reconnects);

    public override string ToString() =>
        $"published {Published}, lost {LostPublishes}, received {Received}, missed {Missed}, reconnects {Reconnects}";
}
