using ActorEcho.Protocols.Basic;
using ActorEcho.TestKit.Protocols;
using FsCheck;
using FsCheck.Fluent;

namespace ActorEcho.Tests.Protocols.Basic;

/// <summary>The two properties every framer must have, parameterised by how to build, encode and read it.</summary>
internal static class FramerProperties
{
    private static readonly Gen<int[]> ChunkSizes = Gen.NonEmptyListOf(Gen.Choose(1, 40)).Select(sizes => sizes.ToArray());

    public static Gen<byte> AnyByte { get; } = Gen.Choose(0, 255).Select(b => (byte)b);

    /// <summary>Any list of frames, encoded back to back and cut at random points, decodes to the same list.</summary>
    public static void DecodesWhatWasEncoded<T>(Gen<byte[]> frame, Func<byte[], byte[]> encode, Func<T> create, Func<T, List<string>> decoded)
        where T : FramedReceiver
    {
        var cases = Gen.Zip(Gen.ArrayOf(frame), ChunkSizes).ToArbitrary();
        Prop.ForAll(cases, c =>
        {
            var (frames, sizes) = c;
            var receiver = create();
            var transport = new StringTransport();
            receiver.MakeConnection(transport);

            Feed(receiver, frames.SelectMany(encode).ToArray(), sizes, () => { });

            Assert.Equal(frames.Select(f => Recorded.Text(f)), decoded(receiver));
            Assert.False(transport.Disconnecting);
            Assert.Equal(0, receiver.BufferedByteCount);
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>
    /// Random bytes cut at random points never make the framer throw, and after each chunk it holds at most
    /// <paramref name="bound"/> bytes (its MaxLength plus the framing overhead of one frame).
    /// </summary>
    public static void SurvivesGarbage<T>(Gen<byte> garbageByte, Func<T> create, int bound)
        where T : FramedReceiver
    {
        var cases = Gen.Zip(Gen.ArrayOf(garbageByte), ChunkSizes).ToArbitrary();
        Prop.ForAll(cases, c =>
        {
            var (garbage, sizes) = c;
            var receiver = create();
            receiver.MakeConnection(new StringTransport());

            Feed(receiver, garbage, sizes, () => Assert.InRange(receiver.BufferedByteCount, 0, bound));
        }).QuickCheckThrowOnFailure();
    }

    private static void Feed(FramedReceiver receiver, byte[] data, int[] sizes, Action afterEachChunk)
    {
        var offset = 0;
        for (var i = 0; offset < data.Length; i++)
        {
            var size = Math.Min(sizes[i % sizes.Length], data.Length - offset);
            receiver.DataReceived(data.AsSpan(offset, size));
            afterEachChunk();
            offset += size;
        }
    }
}
