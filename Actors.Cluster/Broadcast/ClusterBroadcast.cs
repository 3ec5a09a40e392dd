using ActorEcho.Cluster.Database;
using ActorEcho.Kernel;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Cluster.Broadcast;

/// <summary>
/// Cross-node broadcast over LISTEN/NOTIFY. Publishes queue in arrival order and leave in batches, one batch in
/// flight at a time (an async handler), which is what keeps one sender's order. Incoming broadcasts do not pass
/// through this actor: the <see cref="NotifyListener"/> loop tells subscribers directly, in arrival order.
/// </summary>
internal sealed class ClusterBroadcast : ReceiveActor
{
    private readonly ClusterSettings _settings;
    private readonly ClusterDataSources _db;
    private readonly BroadcastStats _stats;
    private readonly BroadcastPublisher _publisher;
    private readonly NotifyListener _listener;
    private readonly SubscriberRegistry _subscribers;
    private readonly Queue<Outgoing> _outbox = new();
    private readonly Dictionary<string, long> _sequences = new();
    private readonly CancellationTokenSource _stop = new();
    private bool _flushQueued;
    private long _lostInStreak;

    public ClusterBroadcast(ClusterSettings settings, ClusterDataSources db, Guid broadcastId, BroadcastStats stats)
    {
        _settings = settings;
        _db = db;
        _stats = stats;
        _publisher = new BroadcastPublisher(db, settings, broadcastId);
        _subscribers = new SubscriberRegistry();
        _listener = new NotifyListener(db, settings, broadcastId, _subscribers, stats, Context.System.EventStream, Context.Log);

        Receive<Publish>(OnPublish);
        ReceiveAsync<Flush>(_ => FlushAsync());
        Receive<Subscribe>(s =>
        {
            BroadcastChannel.For(s.Listener); // refuse a bad name here, not later on the listening loop
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
            Context.Log.LogWarning(ClusterEvents.PublishFailed, "{Count} queued broadcasts were not sent: the broadcast actor stopped", _outbox.Count);
        }
    }

    private void OnPublish(Publish publish)
    {
        BroadcastChannel.For(publish.Listener);
        var sequence = _sequences[publish.Listener] = _sequences.GetValueOrDefault(publish.Listener) + 1;
        _outbox.Enqueue(new Outgoing(publish.Listener, sequence, publish.Payload));
        if (_flushQueued) return;
        _flushQueued = true;
        Self.Tell(Flush.Instance, Self);
    }

    private async Task FlushAsync()
    {
        _flushQueued = false;
        var batch = new List<Outgoing>(Math.Min(_outbox.Count, _settings.PublishBatchSize));
        while (batch.Count < _settings.PublishBatchSize && _outbox.TryDequeue(out var next)) batch.Add(next);
        if (batch.Count == 0) return;
        try
        {
            await Task.Run(() => _publisher.SendAsync(batch));
            _stats.AddPublished(batch.Count);
            if (_lostInStreak > 0)
            {
                Context.Log.LogWarning(ClusterEvents.PublishRecovered,
                    "Broadcasting works again; {Count} broadcasts were lost while it did not ({Total} lost since start)", _lostInStreak,
                    _stats.LostPublishes);
                _lostInStreak = 0;
            }
        }
        catch (Exception e)
        {
            _stats.AddLost(batch.Count);
            _db.ForgetBrokenConnections();
            var first = _lostInStreak == 0;
            _lostInStreak += batch.Count;
            if (first)
            {
                Context.Log.LogError(ClusterEvents.PublishFailed, e,
                    "Could not broadcast {Count} messages (first on {Listener}, sequence {Sequence}): {Reason}. They are lost; counting until it works again",
                    batch.Count, batch[0].Listener, batch[0].Sequence, e.Message);
            }
            else
            {
                Context.Log.LogDebug(ClusterEvents.PublishFailed, "Could not broadcast {Count} more messages: {Reason}", batch.Count, e.Message);
            }
        }

        if (_outbox.Count > 0 && !_flushQueued)
        {
            _flushQueued = true;
            Self.Tell(Flush.Instance, Self);
        }
    }
}
