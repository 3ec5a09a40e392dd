using ActorEcho.Protocols.Hosting;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Cluster.Admission;

/// <summary>
/// The one decision point of <c>scope = cluster-exact</c>, run as a cluster singleton: it hands each node places of a
/// listener so that the places held across the cluster never exceed the cap; a node admits only within its places.
/// A new coordinator (its node left or crashed) knows nothing: for its recovery time (two report intervals) it only records what
/// the nodes report holding and grants nothing new, then grants against the recorded holdings. A removed member's
/// places are freed.
/// </summary>
internal sealed class AdmissionCoordinator : ReceiveActor, IWithTimers
{
    private readonly Dictionary<string, Dictionary<(Address Address, int Uid), int>> _held = new(StringComparer.Ordinal);
    private readonly TimeSpan _recovery;
    private bool _recovering = true;

    public AdmissionCoordinator(TimeSpan recovery)
    {
        var log = new AkkaLogger(Context.GetLogger());
        log.LogInformation(ClusterEvents.AdmissionCoordinatorStarted, "Admission coordinator started; granting after {Recovery} of recording what nodes hold", recovery);
        _recovery = recovery;
        Receive<Recovered>(_ => _recovering = false);
        Receive<WantPlaces>(Want);
        Receive<ClusterEvent.MemberRemoved>(removed =>
        {
            var node = (removed.Member.Address, removed.Member.UniqueAddress.Uid);
            foreach (var holders in _held.Values) holders.Remove(node);
        });
        Receive<ClusterEvent.IMemberEvent>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        Timers.StartSingleTimer(nameof(Recovered), Recovered.Instance, _recovery);
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved));
    }

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    private void Want(WantPlaces want)
    {
        if (!_held.TryGetValue(want.Listener, out var holders)) _held[want.Listener] = holders = new();
        var node = (Sender.Path.Address.HasLocalScope ? Akka.Cluster.Cluster.Get(Context.System).SelfAddress : Sender.Path.Address, want.Uid);
        var others = holders.Where(h => h.Key != node).Sum(h => h.Value);
        int granted;
        if (want.Wanted <= want.Held) granted = want.Wanted; // a shrink: the node already admits no more than it asks to keep
        else if (_recovering) granted = want.Held;
        else granted = Math.Max(want.Held, Math.Min(want.Wanted, want.Cap - others));
        holders[node] = granted;
        Sender.Tell(new PlacesGranted(want.Listener, granted, want.Request));
    }

    private sealed class Recovered
    {
        public static readonly Recovered Instance = new();
    }
}
