using ActorEcho.Protocols.Hosting;
using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Akka.Event;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Cluster.Counts;

/// <summary>
/// This node's part in the cluster-wide live-connection counts. Each member writes its own current count per listener
/// into one <see cref="LWWDictionary{TKey,TValue}"/> (entries <see cref="CountKeys"/>); the total is the sum over
/// members. A member that is downed stops counting at once, here; when it is removed, every survivor deletes its entries
/// (a counter CRDT would keep a dead member's share forever). Own changes are coalesced for
/// <see cref="ClusterSettings.CountWriteInterval"/> and written locally; Distributed Data's gossip carries them.
/// </summary>
internal sealed class CountReplicator : ReceiveActor, IWithTimers
{
    public static readonly LWWDictionaryKey<string, long> Key = new("actor-echo-live-connections");

    private const string WriteTimer = "write";

    private readonly ClusterSettings _settings;
    private readonly ClusterCountView _view;
    private readonly IActorRef _replicator;
    private readonly UniqueAddress _self;
    private readonly string _selfPrefix;
    private readonly ILogger _log;
    private readonly Dictionary<string, long> _own = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _written = new(StringComparer.Ordinal);
    private readonly HashSet<string> _gone = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _logged = new(StringComparer.Ordinal);
    private LWWDictionary<string, long> _map = LWWDictionary<string, long>.Empty;

    public CountReplicator(ClusterSettings settings, ClusterCountView view)
    {
        _settings = settings;
        _view = view;
        var data = DistributedData.Get(Context.System);
        _replicator = data.Replicator;
        _self = Akka.Cluster.Cluster.Get(Context.System).SelfUniqueAddress;
        _selfPrefix = CountKeys.Prefix(_self);
        _log = new AkkaLogger(Context.GetLogger());

        Receive<ReportCount>(report =>
        {
            _own[report.Listener] = report.Live;
            if (!Timers.IsTimerActive(WriteTimer)) Timers.StartSingleTimer(WriteTimer, WriteNow.Instance, _settings.CountWriteInterval);
        });
        Receive<WriteNow>(_ => Write());
        Receive<Changed>(changed =>
        {
            if (!changed.Key.Equals(Key)) return;
            _map = changed.Get(Key);
            ForgetGoneEntries();
            Recompute();
        });
        Receive<ClusterEvent.MemberDowned>(downed => Gone(downed.Member.UniqueAddress));
        Receive<ClusterEvent.MemberRemoved>(removed => Gone(removed.Member.UniqueAddress));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<UpdateSuccess>(_ => { });
        Receive<IUpdateFailure>(failure =>
            _log.LogWarning(ClusterEvents.CountWriteFailed, "Could not write the live-connection counts: {Failure}", failure));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        _replicator.Tell(Dsl.Subscribe(Key, Self));
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.MemberDowned), typeof(ClusterEvent.MemberRemoved));
    }

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    private void Write()
    {
        var changes = _own.Where(own => !_written.TryGetValue(own.Key, out var written) || written != own.Value).ToList();
        if (changes.Count == 0) return;
        foreach (var (listener, live) in changes) _written[listener] = live;
        var self = _self;
        _replicator.Tell(Dsl.Update(Key, LWWDictionary<string, long>.Empty, WriteLocal.Instance, map =>
        {
            foreach (var (listener, live) in changes) map = map.SetItem(self, CountKeys.Entry(self, listener), live);
            return map;
        }));
    }

    private void Gone(UniqueAddress member)
    {
        if (member.Equals(_self)) return; // this node is leaving or downed: its own entries go with the others' removal of it
        if (!_gone.Add(CountKeys.Prefix(member))) return;
        ForgetGoneEntries();
        Recompute();
    }

    /// <summary>Deletes the entries of members that are down or removed; entries that arrive after the removal are deleted then.</summary>
    private void ForgetGoneEntries()
    {
        var stale = _map.Keys.Where(key => CountKeys.TrySplit(key, out var prefix, out _) && _gone.Contains(prefix)).ToList();
        if (stale.Count == 0) return;
        var self = _self;
        _replicator.Tell(Dsl.Update(Key, LWWDictionary<string, long>.Empty, WriteLocal.Instance, map =>
        {
            foreach (var key in stale.Where(map.ContainsKey)) map = map.Remove(self, key);
            return map;
        }));
    }

    private void Recompute()
    {
        var elsewhere = new Dictionary<string, long>(StringComparer.Ordinal);
        var total = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var listener in _own.Keys.Concat(_view.Listeners))
        {
            elsewhere[listener] = 0;
            total[listener] = 0;
        }

        foreach (var (key, live) in _map)
        {
            if (!CountKeys.TrySplit(key, out var prefix, out var listener) || _gone.Contains(prefix)) continue;
            total[listener] = total.GetValueOrDefault(listener) + live;
            if (prefix != _selfPrefix) elsewhere[listener] = elsewhere.GetValueOrDefault(listener) + live;
        }

        foreach (var (listener, sum) in total)
        {
            _view.Set(listener, elsewhere.GetValueOrDefault(listener), sum);
            if (!_settings.LogCounts || (_logged.TryGetValue(listener, out var last) && last == sum)) continue;
            _logged[listener] = sum;
            _log.LogInformation(ClusterEvents.CountChanged, "Cluster-wide live connections of {Listener}: {Total}", listener, sum);
        }
    }

    private sealed class WriteNow
    {
        public static readonly WriteNow Instance = new();
    }
}

/// <summary>A listener's live connections on this node, now.</summary>
internal sealed record ReportCount(string Listener, long Live);
