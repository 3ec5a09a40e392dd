using ActorEcho.TestKit.Protocols;
using static ActorEcho.Tests.Protocols.Basic.Recorded;

namespace ActorEcho.Tests.Protocols.Basic;

public class NetstringReceiverTests
{
    [Theory]
    [InlineData("3:abc,", new[] { "abc" })]
    [InlineData("0:,", new[] { "" })]
    [InlineData("4:1:a,,", new[] { "1:a," })]
    [InlineData("1:a,10:0123456789,", new[] { "a", "0123456789" })]
    public void Well_formed_netstrings_are_delivered_in_every_chunk_size(string input, string[] expected)
    {
        var outcome = ChunkingHarness.AssertChunkingInvariant(() => new RecordingNetstringReceiver(), r => r.Strings, Bytes(input));

        Assert.Equal([.. expected, "written: ", "disconnecting: False"], outcome);
    }

    [Theory]
    [InlineData("2:aaa,", "not followed by ','")]
    [InlineData("0:a,", "not followed by ','")]
    [InlineData(":aaa,", "must start with decimal digits")]
    [InlineData("3aaa,", "must start with decimal digits")]
    [InlineData("aaa", "must start with decimal digits")]
    [InlineData("01:a,", "leading zero")]
    [InlineData("00:,", "leading zero")]
    [InlineData("-1:a,", "must start with decimal digits")]
    [InlineData(" 1:a,", "must start with decimal digits")]
    [InlineData("3:abc;", "not followed by ','")]
    public void Malformed_netstring_closes_and_delivers_nothing(string bad, string rule)
    {
        var logger = new RecordingLogger();
        var receiver = Connect(new RecordingNetstringReceiver(), out var transport, logger);

        receiver.DataReceived(Bytes("2:ok," + bad + "3:not,"));

        Assert.Equal(["ok"], receiver.Strings);
        Assert.True(transport.Disconnecting);
        var line = Assert.Single(logger.Lines);
        Assert.Contains(rule, line.Message);
        Assert.Contains(StringTransport.DefaultPeer.ToString()!, line.Message);
    }

    [Theory]
    [InlineData("100000", true)]
    [InlineData("99999", false)]
    [InlineData("9999999", true)]
    public void Length_over_max_length_is_rejected_before_the_colon(string input, bool closed)
    {
        var receiver = Connect(new RecordingNetstringReceiver(), out var transport);

        receiver.DataReceived(Bytes(input));

        Assert.Equal(closed, transport.Disconnecting);
        Assert.Empty(receiver.Strings);
    }

    [Fact]
    public void Length_over_a_small_max_length_closes_after_the_strings_before_it()
    {
        var receiver = Connect(new RecordingNetstringReceiver { MaxLength = 5 }, out var transport);

        receiver.DataReceived(Bytes("5:abcde,6:"));

        Assert.Equal(["abcde"], receiver.Strings);
        Assert.True(transport.Disconnecting);
    }

    [Fact]
    public void Send_string_writes_a_netstring()
    {
        var receiver = Connect(new RecordingNetstringReceiver(), out var transport);

        receiver.SendString("abc");

        Assert.Equal("3:abc,", transport.WrittenText);
    }
}
