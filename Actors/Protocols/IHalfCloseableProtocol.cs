namespace ActorEcho.Protocols;

/// <summary>
/// A protocol that can keep writing after the peer stopped sending (Twisted's IHalfCloseableProtocol).
/// Without it, a peer's FIN closes the whole connection.
/// </summary>
public interface IHalfCloseableProtocol
{
    /// <summary>The peer sent FIN: no more data will arrive, but we may still write.</summary>
    void ReadConnectionLost();

    /// <summary>Our LoseWriteConnection completed: the FIN was sent.</summary>
    void WriteConnectionLost();
}
