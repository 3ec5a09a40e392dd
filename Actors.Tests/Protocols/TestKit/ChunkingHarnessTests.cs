using ActorEcho.Protocols;
using ActorEcho.TestKit.Protocols;
using Xunit.Sdk;

namespace ActorEcho.Tests.Protocols.TestKit;

public class ChunkingHarnessTests
{
    /// <summary>A broken framer: it treats every chunk as one message, so its output depends on the chunking.</summary>
    private sealed class ChunkPerMessage : Protocol
    {
        public List<string> Messages { get; } = [];

        protected internal override void DataReceived(ReadOnlySpan<byte> data) => Messages.Add(Convert.ToHexString(data));
    }

    /// <summary>A correct one: it counts bytes, which no chunking can change.</summary>
    private sealed class ByteCounter : Protocol
    {
        public int Count { get; private set; }

        protected internal override void DataReceived(ReadOnlySpan<byte> data)
        {
            Count += data.Length;
            Transport.Write(data);
        }
    }

    [Fact]
    public void Detects_a_protocol_whose_callbacks_depend_on_the_chunk_size()
    {
        var error = Assert.Throws<XunitException>(() =>
            ChunkingHarness.AssertChunkingInvariant(() => new ChunkPerMessage(), p => p.Messages, "abc"u8));

        Assert.Contains("Chunk size 2", error.Message);
    }

    [Fact]
    public void Passes_a_chunk_independent_protocol_and_returns_its_outcome()
    {
        var outcome = ChunkingHarness.AssertChunkingInvariant(() => new ByteCounter(), p => [$"count: {p.Count}"], "hello"u8, maxChunkSize: 8);

        Assert.Equal(["count: 5", "written: 68656C6C6F", "disconnecting: False"], outcome);
    }
}
