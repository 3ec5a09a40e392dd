using System.Collections.Concurrent;

namespace ActorEcho.Cluster.Counts;

/// <summary>
/// Each listener's live connections as this node last learnt them from the cluster-wide map: the other members' share
/// and the total. Written by the count actor only; read from any thread (a factory actor reads <see cref="Elsewhere"/>
/// at every accept of a <c>scope = cluster</c> listener).
/// </summary>
public sealed class ClusterCountView
{
    private readonly ConcurrentDictionary<string, Share> _shares = new();

    /// <summary>The other members' live connections of <paramref name="listener"/>, as last replicated here.</summary>
    public long Elsewhere(string listener) => _shares.TryGetValue(listener, out var share) ? Volatile.Read(ref share.Elsewhere) : 0;

    /// <summary>Every member's live connections of <paramref name="listener"/>, this node's as written into the map.</summary>
    public long Total(string listener) => _shares.TryGetValue(listener, out var share) ? Volatile.Read(ref share.Total) : 0;

    public IReadOnlyCollection<string> Listeners => _shares.Keys.ToList();

    internal void Set(string listener, long elsewhere, long total)
    {
        var share = _shares.GetOrAdd(listener, static _ => new Share());
        Volatile.Write(ref share.Elsewhere, elsewhere);
        Volatile.Write(ref share.Total, total);
    }

    private sealed class Share
    {
        public long Elsewhere;
        public long Total;
    }
}
