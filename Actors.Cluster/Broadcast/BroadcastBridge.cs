using ActorEcho.Protocols;
using ActorEcho.Protocols.Hosting;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Cluster.Broadcast;

/// <summary>
/// One factory's broadcasts between nodes, through Distributed Pub-Sub on the topic of its listener. Outgoing, it
/// numbers each broadcast and cuts one over the chunk size into chunks; incoming, it skips its own (the mediator
/// delivers to every subscriber, this one included), puts chunks back together and hands each whole broadcast to the
/// factory actor as a <see cref="RemoteBroadcast"/>. Pub-sub keeps each sender's order and delivers at most once: a
/// gap in a sender's numbers is logged, a broadcast with a chunk missing is dropped and logged, never delivered cut.
/// It lives as long as the factory actor.
/// </summary>
internal sealed class BroadcastBridge : ReceiveActor
{
    private readonly string _listener;
    private readonly string _topic;
    private readonly IActorRef _factoryActor;
    private readonly int _chunkSize;
    private readonly IActorRef _mediator;
    private readonly ILogger _log;
    private readonly Dictionary<IActorRef, Incoming> _senders = new();
    private long _sequence;

    public BroadcastBridge(string listener, IActorRef factoryActor, int chunkSize)
    {
        _listener = listener;
        _topic = Topic(listener);
        _factoryActor = factoryActor;
        _chunkSize = chunkSize;
        _mediator = DistributedPubSub.Get(Context.System).Mediator;
        _log = new AkkaLogger(Context.GetLogger());

        Receive<Outgoing>(outgoing => Send(outgoing.Data));
        Receive<Refused>(refused => _log.LogWarning(ClusterEvents.BroadcastTooLarge,
            "A broadcast of {Listener} ({Size} bytes) went to this node's connections only: actor-echo.cluster.broadcast.max-size is {Max} bytes",
            _listener, refused.Size, refused.Max));
        Receive<byte[]>(frame =>
        {
            if (!Sender.Equals(Self)) Arrived(Sender, frame);
        });
        Receive<SubscribeAck>(_ => _log.LogInformation(ClusterEvents.RelayListening, "Listener {Listener} receives broadcasts from other nodes", _listener));
        Receive<UnsubscribeAck>(_ => { });
        Receive<Terminated>(terminated =>
        {
            if (terminated.ActorRef.Equals(_factoryActor)) Context.Stop(Self);
            else _senders.Remove(terminated.ActorRef);
        });
    }

    /// <summary>The pub-sub topic of a listener's broadcasts; the same listener on every node meets there.</summary>
    public static string Topic(string listener) => "actor-echo.broadcast." + listener;

    protected override void PreStart()
    {
        Context.Watch(_factoryActor);
        _mediator.Tell(new Subscribe(_topic, Self));
    }

    protected override void PostStop() => _mediator.Tell(new Unsubscribe(_topic, Self));

    private void Send(byte[] data)
    {
        var sequence = ++_sequence;
        var count = Math.Max(1, (data.Length + _chunkSize - 1) / _chunkSize);
        for (var index = 0; index < count; index++)
        {
            var start = index * _chunkSize;
            var chunk = data.AsSpan(start, Math.Min(_chunkSize, data.Length - start));
            _mediator.Tell(new Publish(_topic, BroadcastCodec.Encode(sequence, index, count, chunk)), Self);
        }
    }

    private void Arrived(IActorRef sender, byte[] frame)
    {
        if (!BroadcastCodec.TryDecode(frame, out var sequence, out var index, out var count, out var chunk))
        {
            _log.LogWarning(ClusterEvents.BroadcastMalformed, "Dropped a broadcast frame of {Listener} from {Sender} that this version cannot read ({Size} bytes)",
                _listener, sender, frame.Length);
            return;
        }

        if (!_senders.TryGetValue(sender, out var incoming))
        {
            // The first frame from a sender: it may have broadcast before this node subscribed, which is no gap.
            incoming = new Incoming { Last = sequence - 1 };
            _senders[sender] = incoming;
            Context.Watch(sender);
        }

        if (incoming.Partial is { } partial && (partial.Sequence != sequence || partial.Next != index))
        {
            incoming.Partial = null;
            Missed(sender, 1, $"broadcast {partial.Sequence} lost chunk {partial.Next} of {partial.Count}");
        }

        if (index == 0)
        {
            if (sequence > incoming.Last + 1) Missed(sender, sequence - incoming.Last - 1, "a gap in its sequence numbers");
            incoming.Last = Math.Max(incoming.Last, sequence);
            if (count == 1)
            {
                _factoryActor.Tell(new RemoteBroadcast(chunk), Self);
                return;
            }

            incoming.Partial = new Partial(sequence, count);
        }

        if (incoming.Partial is not { } current) return; // the rest of a broadcast whose start was lost: already logged
        current.Buffer.Write(chunk.Span);
        current.Next++;
        if (current.Next < current.Count) return;
        incoming.Partial = null;
        _factoryActor.Tell(new RemoteBroadcast(current.Buffer.ToArray()), Self);
    }

    private void Missed(IActorRef sender, long broadcasts, string how) =>
        _log.LogWarning(ClusterEvents.BroadcastsMissed, "Missed {Count} broadcast(s) of {Listener} from {Sender}: {How} (pub-sub delivers at most once)",
            broadcasts, _listener, sender.Path.Address, how);

    /// <summary>A broadcast of this node's factory, to send to the other nodes.</summary>
    internal sealed record Outgoing(byte[] Data);

    /// <summary>A broadcast over the size limit, kept local: logged here so the factory's turn stays short.</summary>
    internal sealed record Refused(int Size, int Max);

    private sealed class Incoming
    {
        public long Last;
        public Partial? Partial;
    }

    private sealed class Partial(long sequence, int count)
    {
        public long Sequence { get; } = sequence;
        public int Count { get; } = count;
        public int Next { get; set; }
        public MemoryStream Buffer { get; } = new();
    }
}
