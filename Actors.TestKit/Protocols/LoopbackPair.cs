using System.Net;
using ActorEcho.Protocols;

namespace ActorEcho.TestKit.Protocols;

/// <summary>
/// A server protocol and a client protocol connected in memory and pumped by hand (Twisted's iosim
/// <c>connectedServerAndClient</c>). Nothing moves until the test calls <see cref="Pump"/> or
/// <see cref="Flush"/>, so every run is the same.
/// </summary>
/// <remarks>
/// A side that paused its transport receives nothing until it resumes. A clean close (LoseConnection)
/// takes effect once no data is left to move, and both sides then get ConnectionLost with a
/// <see cref="ConnectionDoneException"/>; an abort takes effect at once, dropping pending data, with
/// <see cref="ConnectionAbortedException"/> locally and <see cref="ConnectionLostException"/> at the peer.
/// </remarks>
public sealed class LoopbackPair
{
    private static readonly EndPoint DefaultServerAddress = new IPEndPoint(IPAddress.Loopback, 8080);
    private static readonly EndPoint DefaultClientAddress = new IPEndPoint(IPAddress.Loopback, 50000);

    private readonly Side _server;
    private readonly Side _client;

    private LoopbackPair(Side server, Side client)
    {
        _server = server;
        _client = client;
    }

    public Protocol Server => _server.Protocol;

    public Protocol Client => _client.Protocol;

    public StringTransport ServerTransport => _server.Transport;

    public StringTransport ClientTransport => _client.Transport;

    /// <summary>True once both sides got ConnectionLost.</summary>
    public bool Closed { get; private set; }

    /// <summary>Connects the two protocols: the server's ConnectionMade runs first, then the client's.</summary>
    public static LoopbackPair Connect(Protocol server, Protocol client, EndPoint? serverAddress = null, EndPoint? clientAddress = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(client);
        var serverEnd = serverAddress ?? DefaultServerAddress;
        var clientEnd = clientAddress ?? DefaultClientAddress;
        var pair = new LoopbackPair(
            new Side(server, new StringTransport(host: serverEnd, peer: clientEnd)),
            new Side(client, new StringTransport(host: clientEnd, peer: serverEnd)));
        server.MakeConnection(pair.ServerTransport);
        client.MakeConnection(pair.ClientTransport);
        return pair;
    }

    /// <summary>
    /// One round: what each side wrote goes to the other (client to server first), then pull producers are
    /// asked for more, then, if nothing moved, half-closes and closes take effect. Returns whether anything happened.
    /// </summary>
    public bool Pump()
    {
        if (Closed) return false;
        if (_client.Transport.Aborted || _server.Transport.Aborted)
        {
            CloseAfterAbort();
            return true;
        }

        var moved = Move(_client, _server) | Move(_server, _client);
        moved |= AskPullProducer(_client) | AskPullProducer(_server);
        if (moved) return true;

        if (DeliverHalfClose(_client, _server) | DeliverHalfClose(_server, _client)) return true;
        if (_client.Transport.Disconnecting || _server.Transport.Disconnecting)
        {
            CloseCleanly();
            return true;
        }

        return false;
    }

    /// <summary>Pumps until nothing happens any more.</summary>
    /// <exception cref="InvalidOperationException">Still busy after <paramref name="maxRounds"/> rounds (the protocols never go quiet).</exception>
    public void Flush(int maxRounds = 10_000)
    {
        for (var round = 0; round < maxRounds; round++)
        {
            if (!Pump()) return;
        }

        throw new InvalidOperationException($"The pair was still busy after {maxRounds} rounds.");
    }

    private static bool Move(Side from, Side to)
    {
        if (from.Transport.Written.IsEmpty || to.Transport.ProducerState != ProducerState.Producing) return false;
        var data = from.Transport.Value();
        from.Transport.Clear();
        to.Protocol.DataReceived(data);
        return true;
    }

    private static bool AskPullProducer(Side side)
    {
        if (side.Transport.Producer is not IPullProducer pull || side.Transport.ProducerIsStreaming) return false;
        if (!side.Transport.Written.IsEmpty || side.Transport.Disconnecting) return false;
        pull.ResumeProducing();
        return !side.Transport.Written.IsEmpty;
    }

    private bool DeliverHalfClose(Side from, Side to)
    {
        if (!from.Transport.WriteClosed || from.HalfCloseDelivered) return false;
        from.HalfCloseDelivered = true;
        (from.Protocol as IHalfCloseableProtocol)?.WriteConnectionLost();
        if (to.Protocol is IHalfCloseableProtocol halfCloseable)
        {
            halfCloseable.ReadConnectionLost();
        }
        else
        {
            // A protocol that cannot half-close treats the peer's FIN as the end of the connection.
            to.Transport.LoseConnection();
        }

        return true;
    }

    private void CloseCleanly()
    {
        Closed = true;
        _server.Protocol.NotifyConnectionLost(new ConnectionDoneException());
        _client.Protocol.NotifyConnectionLost(new ConnectionDoneException());
    }

    private void CloseAfterAbort()
    {
        Closed = true;
        _server.Transport.Clear();
        _client.Transport.Clear();
        _server.Protocol.NotifyConnectionLost(ReasonFor(_server));
        _client.Protocol.NotifyConnectionLost(ReasonFor(_client));
    }

    private static Exception ReasonFor(Side side) =>
        side.Transport.Aborted ? new ConnectionAbortedException() : new ConnectionLostException();

    private sealed class Side(Protocol protocol, StringTransport transport)
    {
        public Protocol Protocol { get; } = protocol;

        public StringTransport Transport { get; } = transport;

        public bool HalfCloseDelivered { get; set; }
    }
}
