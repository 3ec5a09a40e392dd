using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace ActorEcho.IO;

/// <summary>
/// The mailbox of the transport's connection actors: an unbounded queue that costs next to nothing while idle. Akka's
/// default queue (a ConcurrentQueue) holds a 32-slot segment, about 1.1 KB, from the actor's first message for its whole
/// life, the largest single cost of an idle connection (measured with <c>Bench connmem</c>). A connection has one reader
/// (its actor) and few writers (its socket's readiness, its handler), so a plain queue under a lock, grown from empty,
/// serves as well.
/// </summary>
public sealed class CompactMailbox : MailboxType, IProducesMessageQueue<CompactMailbox.Queue>
{
    /// <summary>Where reference.conf configures it: <c>Props.WithMailbox(ConfigPath)</c>.</summary>
    public const string ConfigPath = "actor-echo.io.tcp.connection-mailbox";

    /// <summary>Made by Akka from the mailbox's configuration section.</summary>
    public CompactMailbox(Settings settings, Config config)
        : base(settings, config)
    {
    }

    /// <inheritdoc />
    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new Queue();

    /// <summary>A queue of envelopes under a lock; its array grows with what is waiting and is never made for an actor that gets no message.</summary>
    public sealed class Queue : IMessageQueue, IUnboundedMessageQueueSemantics
    {
        private readonly object _gate = new();
        private Queue<Envelope>? _envelopes;

        /// <inheritdoc />
        public bool HasMessages
        {
            get
            {
                lock (_gate) return _envelopes is { Count: > 0 };
            }
        }

        /// <inheritdoc />
        public int Count
        {
            get
            {
                lock (_gate) return _envelopes?.Count ?? 0;
            }
        }

        /// <inheritdoc />
        public void Enqueue(IActorRef receiver, Envelope envelope)
        {
            lock (_gate) (_envelopes ??= new Queue<Envelope>()).Enqueue(envelope);
        }

        /// <inheritdoc />
        public bool TryDequeue(out Envelope envelope)
        {
            lock (_gate)
            {
                if (_envelopes is not null) return _envelopes.TryDequeue(out envelope);
                envelope = default;
                return false;
            }
        }

        /// <inheritdoc />
        public void CleanUp(IActorRef owner, IMessageQueue deadletters)
        {
            while (TryDequeue(out var envelope)) deadletters.Enqueue(owner, envelope);
        }
    }
}
