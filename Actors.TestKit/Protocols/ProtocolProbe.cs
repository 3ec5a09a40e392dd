using ActorEcho.Protocols;
using Akka.Actor;
using Akka.IO;

namespace ActorEcho.TestKit.Protocols;

/// <summary>
/// A protocol that reports its connection's events to an actor, usually an Akka.TestKit <c>TestProbe</c>: the
/// protocol-level counterpart of an Akka.IO handler probe. The probe receives <see cref="Made"/>, one
/// <see cref="Data"/> per DataReceived (the bytes copied), and <see cref="Lost"/>, each sent by the connection actor
/// when the protocol is hosted (so the probe's <c>LastSender</c> is the connection). Told to that connection actor,
/// <see cref="Send"/> is written and <see cref="Hangup"/> closes the connection.
/// </summary>
/// <remarks>
/// Derive from it to add behaviour (answer a greeting, say); from another assembly the callbacks are overridden as
/// <c>protected override</c> and should call the base method so the probe still hears of them.
/// </remarks>
/// <param name="probe">Where the events go.</param>
public class ProtocolProbe(IActorRef probe) : Protocol
{
    /// <summary>
    /// ConnectionMade ran. <see cref="Protocol"/> is the probe itself, for its transport's addresses.
    /// <see cref="Connection"/> is the actor on whose turn it ran: for a hosted protocol, the connection actor to tell
    /// <see cref="Send"/> and <see cref="Hangup"/>. A test that drives the probe by hand (on a
    /// <see cref="StringTransport"/>) gets what Akka counts as the current actor on its thread: its TestKit's test
    /// actor, or null outside any TestKit.
    /// </summary>
    public sealed record Made(ProtocolProbe Protocol, IActorRef? Connection);

    /// <summary>One DataReceived call's bytes.</summary>
    public sealed record Data(ByteString Bytes);

    /// <summary>ConnectionLost ran with <see cref="Reason"/>.</summary>
    public sealed record Lost(Exception Reason);

    /// <summary>Asks the probed connection to write these bytes (tell it to the connection actor).</summary>
    public sealed record Send(ByteString Bytes);

    /// <summary>Asks the probed connection to LoseConnection, or with <see cref="Abort"/> to AbortConnection.</summary>
    public sealed record Hangup(bool Abort = false);

    protected internal override void ConnectionMade()
    {
        var connection = ActorCell.GetCurrentSelfOrNoSender();
        probe.Tell(new Made(this, connection), connection);
    }

    protected internal override void DataReceived(ReadOnlySpan<byte> data) =>
        probe.Tell(new Data(ByteString.CopyFrom(data.ToArray())), ActorCell.GetCurrentSelfOrNoSender());

    /// <summary>Handles <see cref="Send"/> and <see cref="Hangup"/>; anything else is left unhandled.</summary>
    protected internal override bool MessageReceived(object message)
    {
        switch (message)
        {
            case Send send:
                Transport.Write(send.Bytes.ToReadOnlySpan());
                return true;
            case Hangup { Abort: true }:
                Transport.AbortConnection();
                return true;
            case Hangup:
                Transport.LoseConnection();
                return true;
            default:
                return false;
        }
    }

    protected internal override void ConnectionLost(Exception reason) =>
        probe.Tell(new Lost(reason), ActorCell.GetCurrentSelfOrNoSender());
}
