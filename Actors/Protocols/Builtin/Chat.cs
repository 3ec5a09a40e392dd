using System.Text;
using ActorEcho.Protocols.Basic;
using ActorEcho.Protocols.Policies;

namespace ActorEcho.Protocols.Builtin;

/// <summary>
/// A chat room member: greets "Welcome to the chat, you are client #N" (N is the factory's connection number),
/// relays each line to every other member through the factory, and leaves on the line "close".
/// </summary>
public sealed class Chat : LineReceiver
{
    private static readonly byte[] CloseCommand = "close"u8.ToArray();

    protected internal override void ConnectionMade() => SendLine($"Welcome to the chat, you are client #{ConnectionNumber}");

    protected override void LineReceived(ReadOnlySpan<byte> line)
    {
        if (line.SequenceEqual(CloseCommand))
        {
            Transport.LoseConnection();
            return;
        }

        var framed = new byte[line.Length + Delimiter.Length];
        line.CopyTo(framed);
        Delimiter.Span.CopyTo(framed.AsSpan(line.Length));
        Factory?.Broadcast(framed);
    }
}

/// <summary>Tells an over-limit client to come back later, then closes (Twisted's overflow protocol).</summary>
public sealed class TooManyConnections : Protocol
{
    /// <summary>What an over-limit client reads before the connection closes.</summary>
    public const string Message = "Too many connections, try later";

    protected internal override void ConnectionMade()
    {
        Transport.Write(Encoding.ASCII.GetBytes(Message + "\r\n"));
        Transport.LoseConnection();
    }
}

/// <summary>The chat room: a factory of <see cref="Chat"/> members, optionally capped.</summary>
public sealed class ChatFactory : Factory
{
    public ChatFactory(int? maxConnections = null)
        : base(() => new Chat())
    {
        if (maxConnections is not null) Limits = new ConnectionLimits(maxConnections, Overflow: () => new TooManyConnections());
    }
}
