using ActorEcho.Cluster.Counts;
using ActorEcho.Protocols.Hosting;
using Akka.Actor;
using Akka.Event;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Cluster.Admission;

/// <summary>
/// This node's side of <c>scope = cluster-exact</c>: keeps about one block of free places per listener, asking the
/// <see cref="AdmissionCoordinator"/> (through its singleton proxy) for more when fewer than half a block are free and
/// giving back what is beyond two blocks. Admission itself never waits for the coordinator: the factory admits while it
/// holds a free place, so an admission costs a local read; a burst larger than the free places in one round trip is
/// refused, not admitted over the cap. One request per listener is in flight; the periodic report resends it, and
/// asks again after a refused growth (places freed elsewhere reach this node within one report interval).
/// </summary>
internal sealed class AdmissionAgent : ReceiveActor, IWithTimers
{
    private const string ReportTimer = "report";

    private readonly ClusterSettings _settings;
    private readonly IActorRef _coordinator;
    private readonly int _uid;
    private readonly ILogger _log;
    private readonly Dictionary<string, State> _listeners = new(StringComparer.Ordinal);
    private long _request;

    public AdmissionAgent(ClusterSettings settings, IActorRef coordinator)
    {
        _settings = settings;
        _coordinator = coordinator;
        _uid = Akka.Cluster.Cluster.Get(Context.System).SelfUniqueAddress.Uid;
        _log = new AkkaLogger(Context.GetLogger());
        Receive<Register>(register =>
        {
            _listeners[register.Listener] = new State(register.Share);
            Ask(register.Listener, _listeners[register.Listener]);
        });
        Receive<ReportCount>(report =>
        {
            if (!_listeners.TryGetValue(report.Listener, out var state)) return;
            state.Live = (int)report.Live;
            if (state.InFlight is null) Adjust(report.Listener, state);
        });
        Receive<PlacesGranted>(granted =>
        {
            if (!_listeners.TryGetValue(granted.Listener, out var state) || state.InFlight != granted.Request) return;
            state.InFlight = null;
            var grew = granted.Granted > state.Share.Places;
            state.Share.Places = granted.Granted;
            // Refused growth (the cap is held elsewhere) waits for the next report: asking again at once would spin.
            if (grew) Adjust(granted.Listener, state);
        });
        Receive<Report>(_ =>
        {
            var now = DateTime.UtcNow;
            foreach (var (listener, state) in _listeners)
            {
                if (state.InFlight is not null && now - state.SentAt < _settings.ExactRequestTimeout) continue;
                if (state.InFlight is not null)
                    _log.LogWarning(ClusterEvents.AdmissionUnanswered, "No answer from the admission coordinator for {Listener} within {Timeout}; asking again",
                        listener, _settings.ExactRequestTimeout);
                Ask(listener, state);
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer(ReportTimer, Report.Instance, _settings.ExactReportInterval);

    /// <summary>Asks for more when under half a block is free, gives back beyond two blocks; otherwise nothing.</summary>
    private void Adjust(string listener, State state)
    {
        var block = _settings.ExactBlockSize;
        var free = state.Share.Places - state.Live;
        if (free * 2 < block || free > 2 * block) Ask(listener, state);
    }

    private void Ask(string listener, State state)
    {
        var wanted = Math.Min(state.Share.Cap, state.Live + _settings.ExactBlockSize);
        // A shrink takes effect here first: from now on the factory admits no more than the places it keeps.
        if (wanted < state.Share.Places) state.Share.Places = wanted;
        state.InFlight = ++_request;
        state.SentAt = DateTime.UtcNow;
        _coordinator.Tell(new WantPlaces(listener, state.Share.Cap, _uid, state.Share.Places, wanted, _request), Self);
    }

    /// <summary>A cluster-exact listener starts on this node.</summary>
    internal sealed record Register(string Listener, ExactShare Share);

    private sealed class Report
    {
        public static readonly Report Instance = new();
    }

    private sealed class State(ExactShare share)
    {
        public ExactShare Share { get; } = share;
        public int Live { get; set; }
        public long? InFlight { get; set; }
        public DateTime SentAt { get; set; }
    }
}
