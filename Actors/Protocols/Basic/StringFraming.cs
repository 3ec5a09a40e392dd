namespace ActorEcho.Protocols.Basic;

/// <summary>How a <see cref="StatefulStringProtocol"/> cuts its stream into strings.</summary>
public enum StringFraming
{
    /// <summary><see cref="NetstringReceiver"/> framing.</summary>
    Netstring,

    /// <summary><see cref="Int8StringReceiver"/> framing.</summary>
    Int8,

    /// <summary><see cref="Int16StringReceiver"/> framing.</summary>
    Int16,

    /// <summary><see cref="Int32StringReceiver"/> framing.</summary>
    Int32,
}
