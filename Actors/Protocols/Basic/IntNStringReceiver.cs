using System.Buffers.Binary;

namespace ActorEcho.Protocols.Basic;

/// <summary>
/// Strings prefixed by their length as a big-endian unsigned integer of <see cref="PrefixLength"/> bytes
/// (Twisted's IntNStringReceiver). An announced length over <see cref="StringReceiver.MaxLength"/> goes to
/// <see cref="LengthLimitExceeded"/> without delivering anything.
/// </summary>
public abstract class IntNStringReceiver : StringReceiver
{
    private protected IntNStringReceiver()
    {
    }

    /// <summary>The size of the length prefix in bytes: 1, 2 or 4.</summary>
    public abstract int PrefixLength { get; }

    /// <summary>The largest length the prefix can carry.</summary>
    public long MaxPrefixValue => (1L << (8 * PrefixLength)) - 1;

    /// <summary>Writes the prefix and <paramref name="data"/>.</summary>
    /// <exception cref="StringTooLongException"><paramref name="data"/> is longer than the prefix can express.</exception>
    public override void SendString(ReadOnlySpan<byte> data)
    {
        if (data.Length > MaxPrefixValue) throw new StringTooLongException(data.Length, PrefixLength, MaxPrefixValue);
        Span<byte> prefix = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)data.Length);
        Transport.Write(prefix[(4 - PrefixLength)..]);
        Transport.Write(data);
    }

    /// <summary>
    /// Called when a prefix announces more than <see cref="StringReceiver.MaxLength"/> bytes; the buffer has
    /// already been emptied, because the stream cannot be re-synchronised. By default it logs the broken
    /// rule and closes the connection.
    /// </summary>
    protected virtual void LengthLimitExceeded(long length) =>
        RejectMalformed($"a length prefix of {length} exceeds MaxLength {MaxLength}");

    private protected override bool DeliverNext()
    {
        var data = Buffer.Span;
        if (data.Length < PrefixLength) return false;
        long length = PrefixLength switch
        {
            1 => data[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(data),
            _ => BinaryPrimitives.ReadUInt32BigEndian(data),
        };

        if (length > MaxLength)
        {
            Buffer.Clear();
            LengthLimitExceeded(length);
            return false;
        }

        var end = PrefixLength + (int)length;
        if (data.Length < end) return false;
        DeliverString(data, PrefixLength, (int)length, end);
        return true;
    }
}
