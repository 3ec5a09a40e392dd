namespace ActorEcho.Cluster.Counters;

/// <summary>A listener's connections: how many are open now, and how many were ever accepted.</summary>
public readonly record struct ListenerCount(long Live, long AcceptedTotal)
{
    public static ListenerCount operator +(ListenerCount a, ListenerCount b) => new(a.Live + b.Live, a.AcceptedTotal + b.AcceptedTotal);
}
