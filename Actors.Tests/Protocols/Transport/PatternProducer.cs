using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Hosting;
using ActorEcho.Tests.Protocols.Model;
using Akka.Actor;
using static ActorEcho.Tests.Protocols.Transport.TransportSupport;

namespace ActorEcho.Tests.Protocols.Transport;

/// <summary>
/// A streaming producer that writes the pattern in pieces while not paused, up to a total, then closes. Tells
/// <c>pauses</c> the transport's pending bytes at the first pause and <c>end</c> the most it saw pending.
/// </summary>
internal sealed class PatternProducer(ITransport transport, long total, IActorRef pauses, IActorRef end) : IPushProducer
{
    public const int Piece = 16 * 1024;

    private long _produced;
    private bool _paused;
    private bool _producing;
    private bool _pausedOnce;
    private long _mostPending;

    /// <summary>A factory whose every connection registers a producer of <paramref name="total"/> bytes and starts it.</summary>
    public static Factory Producing(long total, IActorRef pauses, IActorRef end) => new(() => new ScriptedProtocol
    {
        Made = p =>
        {
            var producer = new PatternProducer(p.Transport, total, pauses, end);
            p.Transport.RegisterProducer(producer, streaming: true);
            producer.Produce();
        },
    });

    // The bytes the protocol host's connection has not sent: the connection actor's count on plain TCP; over TLS, the
    // TLS layer's, which adds the plaintext held until the handshake completes to the connection's unsent ciphertext.
    private static long PendingOf(ITransport transport) =>
        (transport as ProtocolHost ?? throw new InvalidOperationException("The transport is not a ProtocolHost.")).Connection.PendingWriteBytes;

    public void PauseProducing()
    {
        _paused = true;
        if (_pausedOnce) return;
        _pausedOnce = true;
        pauses.Tell(PendingOf(transport), ActorRefs.NoSender); // on the connection's turn, inside Write
    }

    public void ResumeProducing()
    {
        _paused = false;
        Produce();
    }

    public void StopProducing()
    {
    }

    public void Produce()
    {
        if (_producing) return;
        _producing = true;
        while (!_paused && _produced < total)
        {
            var count = (int)Math.Min(Piece, total - _produced);
            transport.Write(Pattern(_produced, count)); // pauses this producer, inside the call, past the mark
            _produced += count;
            _mostPending = Math.Max(_mostPending, PendingOf(transport));
        }

        _producing = false;
        if (_produced < total) return;
        transport.UnregisterProducer();
        transport.LoseConnection();
        end.Tell(_mostPending, ActorRefs.NoSender);
    }
}
