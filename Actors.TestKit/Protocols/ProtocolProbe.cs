using ActorEcho.Protocols;
using Akka.Actor;
using Akka.IO;

namespace ActorEcho.TestKit.Protocols;

/// <summary>
/// A protocol that reports its connection's events to an actor, usually an Akka.TestKit <c>TestProbe</c>: the
/// protocol-level counterpart of an Akka.IO handler probe. The probe receives <see cref="Made"/>, one
/// <see cref="Data"/> per DataReceived (the bytes copied), and <see cref="Lost"/>; anything the probe's test sends
/// back to the connection actor as <see cref="Send"/> is written, and <see cref="Hangup"/> closes it.
/// </summary>
public class ProtocolProbe(IActorRef probe) : Protocol
{
    /// <summary>ConnectionMade ran; <see cref="Connection"/> is the protocol, for its transport's addresses.</summary>
    public sealed record Made(ProtocolProbe Connection);

    /// <summary>One DataReceived call's bytes.</summary>
    public sealed record Data(ByteString Bytes);

    /// <summary>ConnectionLost ran with <see cref="Reason"/>.</summary>
    public sealed record Lost(Exception Reason);

    /// <summary>Asks the probed connection to write these bytes (tell it to the connection actor).</summary>
    public sealed record Send(ByteString Bytes);

    /// <summary>Asks the probed connection to LoseConnection, or with <see cref="Abort"/> to AbortConnection.</summary>
    public sealed record Hangup(bool Abort = false);

    protected internal override void ConnectionMade() => probe.Tell(new Made(this), ActorRefs.NoSender);

    protected internal override void DataReceived(ReadOnlySpan<byte> data) =>
        probe.Tell(new Data(ByteString.CopyFrom(data.ToArray())), ActorRefs.NoSender);

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

    protected internal override void ConnectionLost(Exception reason) => probe.Tell(new Lost(reason), ActorRefs.NoSender);
}
