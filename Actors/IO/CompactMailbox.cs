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

    /// <summary>
    /// Envelopes under a lock: the first waiting one in a field, more in a queue that exists only while two or more
    /// wait and is dropped when the actor has taken everything, so an idle connection holds no array at all.
    /// </summary>
    public sealed class Queue : IMessageQueue, IUnboundedMessageQueueSemantics
    {
        // Locked on itself: a lock object of its own would cost every connection 24 bytes, and nothing else sees this instance.
        private Envelope _first;
        private bool _hasFirst;
        private Queue<Envelope>? _rest;

        /// <inheritdoc />
        public bool HasMessages
        {
            get
            {
                lock (this) return _hasFirst || _rest is { Count: > 0 };
            }
        }

        /// <inheritdoc />
        public int Count
        {
            get
            {
                lock (this) return (_hasFirst ? 1 : 0) + (_rest?.Count ?? 0);
            }
        }

        /// <inheritdoc />
        public void Enqueue(IActorRef receiver, Envelope envelope)
        {
            lock (this)
            {
                if (!_hasFirst && _rest is null)
                {
                    _first = envelope;
                    _hasFirst = true;
                }
                else
                {
                    (_rest ??= new Queue<Envelope>()).Enqueue(envelope); // behind the first, in order
                }
            }
        }

        /// <inheritdoc />
        public bool TryDequeue(out Envelope envelope)
        {
            lock (this)
            {
                if (_hasFirst)
                {
                    envelope = _first;
                    _first = default;
                    _hasFirst = false;
                    return true;
                }

                if (_rest is not null && _rest.TryDequeue(out envelope)) return true;
                _rest = null; // drained: the actor is about to go idle, and an idle connection keeps no array
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
