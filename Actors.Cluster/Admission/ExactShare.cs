namespace ActorEcho.Cluster.Admission;

/// <summary>
/// The places this node holds of one <c>scope = cluster-exact</c> listener: written by the <see cref="AdmissionAgent"/>,
/// read by the factory actor at every accept (through <c>Limits.Elsewhere</c>, as <c>cap - places</c>, so the
/// factory's own check "live + elsewhere &lt; cap" becomes "live &lt; places").
/// </summary>
internal sealed class ExactShare(int cap)
{
    private int _places;

    public int Cap { get; } = cap;

    public int Places
    {
        get => Volatile.Read(ref _places);
        set => Volatile.Write(ref _places, value);
    }

    public long Elsewhere() => Cap - Places;
}
