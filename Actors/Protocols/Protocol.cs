using Akka.Actor;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorEcho.Protocols;

/// <summary>
/// The behaviour of one connection (Twisted's Protocol). An instance runs inside its connection actor and
/// is only ever called on that actor's turn, so it needs no locks. The order of calls is fixed:
/// <see cref="ConnectionMade"/> once, <see cref="DataReceived"/> any number of times, then
/// <see cref="ConnectionLost"/> exactly once.
/// </summary>
public abstract class Protocol
{
    private ITransport? _transport;

    /// <summary>The connection; set just before <see cref="ConnectionMade"/>.</summary>
    public ITransport Transport => _transport ?? throw new InvalidOperationException("The protocol is not connected yet.");

    /// <summary>True between <see cref="ConnectionMade"/> and <see cref="ConnectionLost"/>.</summary>
    public bool Connected { get; private set; }

    /// <summary>
    /// The factory that built this protocol, as a handle: shared state lives in the factory actor, so a protocol
    /// reaches it with messages (<see cref="IFactoryHandle.Tell"/>, <see cref="IFactoryHandle.Broadcast"/>). Null
    /// for a protocol that was not built by a factory (a test harness, say).
    /// </summary>
    public IFactoryHandle? Factory { get; set; }

    /// <summary>The factory's running count of connections, this one included (1 for the first connection).</summary>
    public long ConnectionNumber { get; set; }

    /// <summary>
    /// Where this protocol logs. Unless one is set, a hosted protocol logs through a logger that names its
    /// connection, and a protocol that is not connected to a host through none.
    /// </summary>
    public ILogger Logger
    {
        get => _set?.Logger ?? (_transport as IProtocolServices)?.Logger ?? NullLogger.Instance;
        set => (_set ??= new SetServices()).Logger = value;
    }

    /// <summary>
    /// Time and timers for this protocol (Twisted's reactor.callLater). Unless one is set, a hosted protocol gets
    /// its connection's clock, whose <see cref="IClock.ScheduleOnce"/> callbacks run on the connection's own
    /// turn, so a timer callback may touch the protocol's state like any other callback. Tests set ActorEcho.TestKit's
    /// <c>SchedulerClock</c> over Akka.TestKit's <c>TestScheduler</c>, whose callbacks run inside <c>Advance</c> on the test's thread.
    /// </summary>
    public IClock Clock
    {
        get => _set?.Clock ?? (_transport as IProtocolServices)?.Clock
            ?? throw new InvalidOperationException("The protocol has no clock: it is not attached to a connection yet.");
        set => (_set ??= new SetServices()).Clock = value;
    }

    // A logger or clock set on this protocol (by a test, or a wrapper for the protocol it wraps), in one object made
    // on first use: a hosted protocol usually takes both from its host, so each protocol carries one field, not two.
    private SetServices? _set;

    private sealed class SetServices
    {
        public ILogger? Logger;
        public IClock? Clock;
    }

    /// <summary>Attaches the transport and calls <see cref="ConnectionMade"/> (Twisted's makeConnection).</summary>
    public void MakeConnection(ITransport transport)
    {
        _transport = transport;
        Connected = true;
        ConnectionMade();
    }

    /// <summary>Called by the transport when the connection is gone; calls <see cref="ConnectionLost"/> once.</summary>
    public void NotifyConnectionLost(Exception reason)
    {
        if (!Connected) return;
        Connected = false;
        ConnectionLost(reason);
    }

    /// <summary>Called once when the connection is established; a good place to write a greeting.</summary>
    protected internal virtual void ConnectionMade()
    {
    }

    /// <summary>
    /// Called with each chunk the peer sent. Chunk boundaries are arbitrary: a message may be split over
    /// calls or several may arrive in one. The span is only valid during the call; copy what you keep.
    /// </summary>
    protected internal virtual void DataReceived(ReadOnlySpan<byte> data)
    {
    }

    /// <summary>
    /// Called with any other message sent to the connection actor: a broadcast from the factory, a reply to a
    /// Tell, a timer. Runs on the connection's turn like every callback. Return false for a message you do not
    /// handle (it is then logged as unhandled).
    /// </summary>
    protected internal virtual bool MessageReceived(object message) => false;

    /// <summary>
    /// Called exactly once when the connection ends. <paramref name="reason"/> is a
    /// <see cref="ConnectionDoneException"/> for a clean close, a <see cref="ConnectionLostException"/> for a
    /// reset or error, or the exception a callback of this protocol threw.
    /// </summary>
    protected internal virtual void ConnectionLost(Exception reason)
    {
    }
}
