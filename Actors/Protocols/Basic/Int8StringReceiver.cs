namespace ActorEcho.Protocols.Basic;

/// <summary>Strings prefixed by a one-byte length, so at most 255 bytes each (Twisted's Int8StringReceiver).</summary>
public abstract class Int8StringReceiver : IntNStringReceiver
{
    public sealed override int PrefixLength => 1;
}
