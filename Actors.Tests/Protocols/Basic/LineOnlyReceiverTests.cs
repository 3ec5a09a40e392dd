using ActorEcho.TestKit.Protocols;
using static ActorEcho.Tests.Protocols.Basic.Recorded;

namespace ActorEcho.Tests.Protocols.Basic;

public class LineOnlyReceiverTests
{
    [Fact]
    public void Line_over_max_length_closes_and_later_lines_are_dropped()
    {
        var logger = new RecordingLogger();
        var receiver = Connect(new RecordingLineOnlyReceiver { MaxLength = 4 }, out var transport, logger);

        receiver.DataReceived(Bytes("abcd\r\nabcde\r\nzz\r\n"));

        Assert.Equal(["abcd"], receiver.Lines);
        Assert.True(transport.Disconnecting);
        Assert.Single(logger.Lines);
    }

    [Theory]
    [InlineData("abcde", true)]
    [InlineData("abcd", false)]
    [InlineData("abcd\r", false)]
    public void Unterminated_buffer_over_max_length_closes(string input, bool closed)
    {
        var receiver = Connect(new RecordingLineOnlyReceiver { MaxLength = 4 }, out var transport);

        receiver.DataReceived(Bytes(input));

        Assert.Equal(closed, transport.Disconnecting);
        Assert.Empty(receiver.Lines);
    }

    [Fact]
    public void Line_of_max_length_passes_in_every_chunk_size()
    {
        var outcome = ChunkingHarness.AssertChunkingInvariant(
            () => new RecordingLineOnlyReceiver { MaxLength = 4 }, r => r.Events, Bytes("abcd\r\nab\r\nabcd\r\n"));

        Assert.Equal(["line:abcd", "line:ab", "line:abcd", "written: ", "disconnecting: False"], outcome);
    }

    [Fact]
    public void Send_line_uses_the_current_delimiter()
    {
        var receiver = Connect(new RecordingLineOnlyReceiver { Delimiter = Bytes("\n") }, out var transport);

        receiver.SendLine("hi");

        Assert.Equal("hi\n", transport.WrittenText);
    }
}
