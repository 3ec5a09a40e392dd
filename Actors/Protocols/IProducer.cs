namespace ActorEcho.Protocols;

/// <summary>
/// Something that writes into a consumer (Twisted's IProducer). A consumer calls
/// <see cref="StopProducing"/> when it will accept no more data, for instance because the connection closed.
/// </summary>
public interface IProducer
{
    void StopProducing();
}

/// <summary>
/// A producer that writes on its own until paused (Twisted's IPushProducer). The transport pauses it when
/// its outbound buffer passes the high-water mark and resumes it once the buffer is fully drained.
/// </summary>
public interface IPushProducer : IProducer
{
    void PauseProducing();

    void ResumeProducing();
}

/// <summary>
/// A producer that writes only when asked (Twisted's IPullProducer): the transport calls
/// <see cref="ResumeProducing"/> each time its outbound buffer empties, and the producer writes one piece.
/// </summary>
public interface IPullProducer : IProducer
{
    void ResumeProducing();
}
