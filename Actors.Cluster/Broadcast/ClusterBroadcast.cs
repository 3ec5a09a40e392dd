using ActorEcho.Cluster.Database;
using ActorEcho.Protocols.Hosting;
using Akka.Actor;
using Akka.Event;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Cluster.Broadcast;

/// <summary>
/// Cross-node broadcast over LISTEN/NOTIFY. Publishes queue in arrival order and leave in batches, one batch in
/// flight at a time (its result is piped back before the next goes), which is what keeps one sender's order. Incoming
/// broadcasts do not pass through this actor: the <see cref="NotifyListener"/> loop tells subscribers directly, in
/// arrival order.
/// </summary>
internal sealed class ClusterBroadcast : ReceiveActor
{
    private readonly ClusterSettings _settings;
    private readonly ClusterDataSources _db;
    private readonly BroadcastStats _stats;
    private readonly BroadcastPublisher _publisher;
    private readonly NotifyListener _listener;
    private readonly SubscriberRegistry _subscribers = new();
    private readonly Queue<Outgoing> _outbox = new();
    private readonly Dictionary<string, long> _sequences = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Microsoft.Extensions.Logging.ILogger _log;
    private bool _sending;
    private long _lostInStreak;

    public ClusterBroadcast(ClusterSettings settings, ClusterDataSources db, Guid broadcastId, BroadcastStats stats)
    {
        _settings = settings;
        _db = db;
        _stats = stats;
        // The adapter only publishes to the event stream, so the listening loop may log through it from its own thread.
        _log = new AkkaLogger(Context.GetLogger());
        _publisher = new BroadcastPublisher(db, settings, broadcastId);
        _listener = new NotifyListener(db, settings, broadcastId, _subscribers, stats, Context.System.EventStream, _log);

        Receive<Publish>(OnPublish);
        Receive<BatchSent>(OnSent);
        Receive<BatchFailed>(OnFailed);
        Receive<Subscribe>(s =>
        {
            // Refused here, not later on the listening loop, where a bad name would break every channel's LISTEN.
            if (BroadcastChannel.Problem(s.Listener) is { } problem)
            {
                _log.LogError(ClusterEvents.BadListenerName, "Subscription of {Subscriber} refused: {Problem}", s.Subscriber, problem);
                return;
            }

            Context.Watch(s.Subscriber);
            _subscribers.Add(s.Listener, s.Subscriber);
        });
        Receive<Unsubscribe>(u =>
        {
            _subscribers.Remove(u.Listener, u.Subscriber);
            if (!_subscribers.IsSubscribedAnywhere(u.Subscriber)) Context.Unwatch(u.Subscriber);
        });
        Receive<Terminated>(t => _subscribers.RemoveEverywhere(t.ActorRef));
    }

    protected override void PreStart()
    {
        var stop = _stop.Token;
        _ = Task.Run(() => _listener.RunAsync(stop));
    }

    protected override void PostStop()
    {
        _stop.Cancel();
        if (_outbox.Count > 0)
        {
            _stats.AddLost(_outbox.Count);
            _log.LogWarning(ClusterEvents.PublishFailed, "{Count} queued broadcasts were not sent: the broadcast actor stopped", _outbox.Count);
        }
    }

    private void OnPublish(Publish publish)
    {
        if (BroadcastChannel.Problem(publish.Listener) is { } problem)
        {
            _stats.AddLost(1);
            _log.LogError(ClusterEvents.BadListenerName, "A broadcast was not sent: {Problem}", problem);
            return;
        }

        var sequence = _sequences[publish.Listener] = _sequences.GetValueOrDefault(publish.Listener) + 1;
        _outbox.Enqueue(new Outgoing(publish.Listener, sequence, publish.Payload));
        if (!_sending) SendNext();
    }

    private void SendNext()
    {
        var batch = new List<Outgoing>(Math.Min(_outbox.Count, _settings.PublishBatchSize));
        while (batch.Count < _settings.PublishBatchSize && _outbox.TryDequeue(out var next)) batch.Add(next);
        if (batch.Count == 0) return;
        _sending = true;
        // Off the actor's thread: Npgsql may open a connection synchronously before its first await.
        Task.Run(() => _publisher.SendAsync(batch)).PipeTo(Self, Self, () => new BatchSent(batch.Count), e => new BatchFailed(batch, e));
    }

    private void OnSent(BatchSent sent)
    {
        _sending = false;
        _stats.AddPublished(sent.Count);
        if (_lostInStreak > 0)
        {
            _log.LogWarning(ClusterEvents.PublishRecovered,
                "Broadcasting works again; {Count} broadcasts were lost while it did not ({Total} lost since start)", _lostInStreak, _stats.LostPublishes);
            _lostInStreak = 0;
        }

        SendNext();
    }

    private void OnFailed(BatchFailed failed)
    {
        _sending = false;
        var (batch, e) = (failed.Batch, failed.Cause);
        _stats.AddLost(batch.Count);
        _db.ForgetBrokenConnections();
        var first = _lostInStreak == 0;
        _lostInStreak += batch.Count;
        if (first)
        {
            _log.LogError(ClusterEvents.PublishFailed, e,
                "Could not broadcast {Count} messages (first on {Listener}, sequence {Sequence}): {Reason}. They are lost; counting until it works again",
                batch.Count, batch[0].Listener, batch[0].Sequence, e.Message);
        }
        else
        {
            _log.LogDebug(ClusterEvents.PublishFailed, "Could not broadcast {Count} more messages: {Reason}", batch.Count, e.Message);
        }

        SendNext();
    }
}
