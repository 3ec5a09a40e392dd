using System.Net;

namespace ActorEcho.Protocols;

/// <summary>
/// The connection as a protocol sees it (Twisted's ITCPTransport). Every member is called on the
/// connection's own turn; none of them blocks. Writes are enqueued and leave after the turn, and the
/// transport is itself a push producer: pausing it stops reading from the peer.
/// </summary>
public interface ITransport : IPushProducer
{
    /// <summary>Copies <paramref name="data"/> into the outbound queue. After the connection is gone it does nothing.</summary>
    void Write(ReadOnlySpan<byte> data);

    /// <summary>Writes each buffer in order, as one gathered write.</summary>
    void WriteSequence(IEnumerable<ReadOnlyMemory<byte>> data);

    /// <summary>
    /// Closes after every pending write has been sent; writes made after this call are still sent. With a producer
    /// registered, the close waits until it is unregistered (Twisted's rule), so a response being produced is finished.
    /// </summary>
    void LoseConnection();

    /// <summary>
    /// Drops pending writes and resets the connection. The protocol's ConnectionLost arrives on a later turn,
    /// never inside this call.
    /// </summary>
    void AbortConnection();

    /// <summary>Sends FIN after pending writes while still reading (half-close).</summary>
    void LoseWriteConnection();

    /// <summary>True once LoseConnection or AbortConnection has been called.</summary>
    bool Disconnecting { get; }

    EndPoint GetPeer();

    EndPoint GetHost();

    void SetTcpNoDelay(bool enabled);

    void SetTcpKeepAlive(bool enabled);

    /// <summary>Whether Nagle's algorithm is off, as the socket reports it now.</summary>
    bool GetTcpNoDelay();

    /// <summary>Whether TCP keep-alive probes are on, as the socket reports it now.</summary>
    bool GetTcpKeepAlive();

    /// <summary>
    /// Registers the one producer that feeds this transport. A streaming producer is paused when more than
    /// the high-water mark is pending and resumed when the buffer is drained; a pull producer is resumed each
    /// time the buffer empties. A second registration throws <see cref="InvalidOperationException"/>.
    /// </summary>
    void RegisterProducer(IProducer producer, bool streaming);

    void UnregisterProducer();

    /// <summary>What TLS negotiated on this connection (version, ALPN, the peer's certificate); null on plain TCP.</summary>
    Tls.ITlsInfo? Tls => null;
}
