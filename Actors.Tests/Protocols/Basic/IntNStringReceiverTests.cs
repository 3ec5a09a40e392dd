using ActorEcho.Protocols.Basic;
using static ActorEcho.Tests.Protocols.Basic.Recorded;

namespace ActorEcho.Tests.Protocols.Basic;

public class IntNStringReceiverTests
{
    [Fact]
    public void Send_string_writes_a_big_endian_prefix_of_the_right_size()
    {
        var int32 = Connect(new RecordingInt32Receiver(), out var t32);
        var int16 = Connect(new RecordingInt16Receiver(), out var t16);
        var int8 = Connect(new RecordingInt8Receiver(), out var t8);

        int32.SendString("foo");
        int16.SendString("foo");
        int8.SendString("foo");

        Assert.Equal("00000003666F6F", Convert.ToHexString(t32.Written));
        Assert.Equal("0003666F6F", Convert.ToHexString(t16.Written));
        Assert.Equal("03666F6F", Convert.ToHexString(t8.Written));
    }

    [Fact]
    public void Int32_strings_are_delivered_and_a_partial_prefix_stays_buffered()
    {
        var receiver = Connect(new RecordingInt32Receiver(), out _);

        receiver.DataReceived([0, 0, 0, 4, .. Bytes("ubar"), 0, 0, 0, 0, 0, 0]);

        Assert.Equal(["ubar", ""], receiver.Strings);
        Assert.Equal(2, receiver.BufferedByteCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Prefix_over_max_length_calls_length_limit_exceeded_and_closes(int prefixLength)
    {
        IRecordingStrings create() => prefixLength switch
        {
            1 => new RecordingInt8Receiver { MaxLength = 10 },
            2 => new RecordingInt16Receiver { MaxLength = 10 },
            _ => new RecordingInt32Receiver { MaxLength = 10 },
        };
        var prefix = new byte[prefixLength];
        prefix[^1] = 11;
        var logger = new RecordingLogger();
        var receiver = create();
        var protocol = Connect((ActorEcho.Protocols.Protocol)receiver, out var transport, logger);

        protocol.DataReceived([.. prefix, .. Bytes("01234567890")]);

        Assert.Equal([11L], receiver.Exceeded);
        Assert.Empty(receiver.Strings);
        Assert.True(transport.Disconnecting);
        Assert.Contains("exceeds MaxLength 10", Assert.Single(logger.Lines).Message);
    }

    [Fact]
    public void Prefix_equal_to_max_length_is_delivered()
    {
        var receiver = Connect(new RecordingInt32Receiver { MaxLength = 10 }, out var transport);

        receiver.DataReceived([0, 0, 0, 10, .. Bytes("0123456789")]);

        Assert.Equal(["0123456789"], receiver.Strings);
        Assert.False(transport.Disconnecting);
    }

    [Fact]
    public void Partial_prefixes_and_payloads_fed_byte_by_byte_deliver_nothing_until_complete()
    {
        var receiver = Connect(new RecordingInt16Receiver(), out _);
        byte[] frame = [0, 3, .. Bytes("abc")];

        foreach (var b in frame[..^1])
        {
            receiver.DataReceived([b]);
            Assert.Empty(receiver.Strings);
        }

        receiver.DataReceived(frame[^1..]);
        Assert.Equal(["abc"], receiver.Strings);
    }

    [Fact]
    public void Int8_send_string_of_256_bytes_throws_string_too_long()
    {
        var receiver = Connect(new RecordingInt8Receiver(), out var transport);

        var error = Assert.Throws<StringTooLongException>(() => receiver.SendString(new byte[256]));
        Assert.Contains("too long", error.Message);
        Assert.Empty(transport.Written.ToArray());

        receiver.SendString(new byte[255]);
        Assert.Equal(256, transport.Written.Length);
    }

    [Fact]
    public void Pause_inside_string_received_holds_strings_until_resume()
    {
        var receiver = Connect(new RecordingInt32Receiver { OnString = (r, _) => r.PauseProducing() }, out _);

        receiver.DataReceived([0, 0, 0, 1, (byte)'a', 0, 0, 0, 1, (byte)'b']);
        Assert.Equal(["a"], receiver.Strings);

        receiver.OnString = null;
        receiver.ResumeProducing();
        Assert.Equal(["a", "b"], receiver.Strings);
    }
}
