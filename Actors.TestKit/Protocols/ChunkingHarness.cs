using ActorEcho.Protocols;
using Xunit.Sdk;

namespace ActorEcho.TestKit.Protocols;

/// <summary>
/// Checks that a protocol does not depend on how its input is cut into chunks, the way Twisted's framer
/// tests do: the same bytes go to a fresh protocol on a fresh <see cref="StringTransport"/> in every
/// chunk size from 1 up, and what the protocol recorded, what it wrote and whether it closed must be the
/// same every time.
/// </summary>
public static class ChunkingHarness
{
    /// <summary>
    /// Feeds <paramref name="input"/> in chunk sizes 1 to <paramref name="maxChunkSize"/> (the whole input
    /// by default) and fails with the first difference. <paramref name="recorded"/> reads the callbacks the
    /// protocol recorded, in order. Returns the outcome of chunk size 1 for further assertions.
    /// </summary>
    /// <exception cref="XunitException">Two chunk sizes gave different outcomes.</exception>
    public static IReadOnlyList<string> AssertChunkingInvariant<TProtocol>(
        Func<TProtocol> create,
        Func<TProtocol, IEnumerable<string>> recorded,
        ReadOnlySpan<byte> input,
        int maxChunkSize = 0)
        where TProtocol : Protocol
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(recorded);
        var largest = maxChunkSize > 0 ? maxChunkSize : Math.Max(1, input.Length);

        var expected = Run(create, recorded, input, 1);
        for (var size = 2; size <= largest; size++)
        {
            var actual = Run(create, recorded, input, size);
            var difference = FirstDifference(expected, actual);
            if (difference is not null)
            {
                throw new XunitException(
                    $"Chunk size {size} gave a different outcome than chunk size 1 at entry {difference}.{Environment.NewLine}" +
                    $"Chunk size 1: [{string.Join(", ", expected)}]{Environment.NewLine}" +
                    $"Chunk size {size}: [{string.Join(", ", actual)}]");
            }
        }

        return expected;
    }

    /// <summary>Feeds <paramref name="input"/> to a fresh protocol in chunks of <paramref name="chunkSize"/> and returns its outcome.</summary>
    public static IReadOnlyList<string> Run<TProtocol>(
        Func<TProtocol> create,
        Func<TProtocol, IEnumerable<string>> recorded,
        ReadOnlySpan<byte> input,
        int chunkSize)
        where TProtocol : Protocol
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var protocol = create();
        var transport = new StringTransport();
        protocol.MakeConnection(transport);
        for (var offset = 0; offset < input.Length; offset += chunkSize)
        {
            protocol.DataReceived(input.Slice(offset, Math.Min(chunkSize, input.Length - offset)));
        }

        var outcome = recorded(protocol).ToList();
        outcome.Add($"written: {Convert.ToHexString(transport.Written)}");
        outcome.Add($"disconnecting: {transport.Disconnecting}");
        return outcome;
    }

    private static int? FirstDifference(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            if (i >= expected.Count || i >= actual.Count || expected[i] != actual[i]) return i;
        }

        return null;
    }
}
