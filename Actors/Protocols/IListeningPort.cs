using System.Net;

namespace ActorEcho.Protocols;

/// <summary>A listener started by an endpoint's Listen (Twisted's IListeningPort).</summary>
public interface IListeningPort
{
    /// <summary>Where it listens, with the real port when port 0 was asked for.</summary>
    EndPoint LocalAddress { get; }

    /// <summary>
    /// Stops accepting. Connections already accepted stay open and end normally; the factory's StopFactory runs
    /// if this was its last listener. Completes once the listener is gone; a second call does nothing.
    /// </summary>
    Task StopListening();
}
