namespace ActorEcho.TestKit.Protocols;

/// <summary>Where a test transport stands as a producer: what the protocol last asked of it.</summary>
public enum ProducerState
{
    Producing,
    Paused,
    Stopped,
}
