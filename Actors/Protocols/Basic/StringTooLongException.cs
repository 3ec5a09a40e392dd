namespace ActorEcho.Protocols.Basic;

/// <summary>Thrown by SendString when a string is longer than its length prefix can express.</summary>
public sealed class StringTooLongException(int length, int prefixLength, long maxLength)
    : ArgumentException($"A string of {length} bytes is too long for a {prefixLength}-byte length prefix (at most {maxLength} bytes).")
{
    public int Length { get; } = length;
}
