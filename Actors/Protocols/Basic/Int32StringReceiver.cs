namespace ActorEcho.Protocols.Basic;

/// <summary>Strings prefixed by a four-byte big-endian length (Twisted's Int32StringReceiver).</summary>
public abstract class Int32StringReceiver : IntNStringReceiver
{
    public sealed override int PrefixLength => 4;
}
