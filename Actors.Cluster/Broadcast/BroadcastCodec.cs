using System.Buffers.Binary;

namespace ActorEcho.Cluster.Broadcast;

/// <summary>
/// A broadcast chunk on the wire is a plain <c>byte[]</c>, which Akka serializes with its built-in byte-array
/// serializer (no serializer of ours to configure on every node): a version byte, the sender's sequence number of the
/// broadcast, the chunk's index and the chunk count, then the chunk's bytes.
/// </summary>
internal static class BroadcastCodec
{
    public const int HeaderSize = 1 + sizeof(long) + sizeof(int) + sizeof(int);

    private const byte Version = 1;

    public static byte[] Encode(long sequence, int index, int count, ReadOnlySpan<byte> chunk)
    {
        var frame = new byte[HeaderSize + chunk.Length];
        frame[0] = Version;
        BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(1), sequence);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(9), index);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(13), count);
        chunk.CopyTo(frame.AsSpan(HeaderSize));
        return frame;
    }

    /// <summary>False for a frame this version cannot read (another version's, or cut short).</summary>
    public static bool TryDecode(byte[] frame, out long sequence, out int index, out int count, out ReadOnlyMemory<byte> chunk)
    {
        sequence = 0;
        index = count = 0;
        chunk = default;
        if (frame.Length < HeaderSize || frame[0] != Version) return false;
        sequence = BinaryPrimitives.ReadInt64LittleEndian(frame.AsSpan(1));
        index = BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(9));
        count = BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(13));
        chunk = frame.AsMemory(HeaderSize);
        return count >= 1 && index >= 0 && index < count;
    }
}
