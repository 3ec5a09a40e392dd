namespace ActorEcho.Protocols.Basic;

/// <summary>Strings prefixed by a two-byte big-endian length (Twisted's Int16StringReceiver).</summary>
public abstract class Int16StringReceiver : IntNStringReceiver
{
    public sealed override int PrefixLength => 2;
}
