using System.Text;
using ActorEcho.Protocols;
using Akka.Actor;

namespace ActorEcho.Tests.Tls;

/// <summary>
/// A client protocol that writes its lines in ConnectionMade (before any TLS handshake can have completed, so the
/// layer must hold them) and tells <paramref name="probe"/> <c>"line:TEXT"</c> for each line it receives and the
/// exception itself when the connection is lost.
/// </summary>
internal sealed class LineClient(IActorRef probe, params string[] lines) : Protocol
{
    private readonly StringBuilder _partial = new();

    protected internal override void ConnectionMade()
    {
        foreach (var line in lines) Transport.Write(Encoding.ASCII.GetBytes(line + "\n"));
    }

    protected internal override void DataReceived(ReadOnlySpan<byte> data)
    {
        _partial.Append(Encoding.ASCII.GetString(data));
        int end;
        while ((end = _partial.ToString().IndexOf('\n', StringComparison.Ordinal)) >= 0)
        {
            probe.Tell("line:" + _partial.ToString(0, end).TrimEnd('\r'), ActorRefs.NoSender);
            _partial.Remove(0, end + 1);
        }
    }

    protected internal override void ConnectionLost(Exception reason) => probe.Tell(reason, ActorRefs.NoSender);
}
