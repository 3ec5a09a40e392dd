using System.Text;
using ActorEcho.Protocols.Builtin;
using ActorEcho.TestKit.Protocols;

namespace ActorEcho.Tests.Protocols.Model;

public sealed class ChargenTests
{
    [Fact]
    public void The_pattern_is_RFC_864s_72_character_lines_each_starting_one_character_further()
    {
        var text = Encoding.ASCII.GetString(Chargen.Expected(3 * 74));

        Assert.Equal(
            " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefg\r\n" +
            "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefgh\r\n" +
            "\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghi\r\n", text);
    }

    [Fact]
    public void The_pattern_wraps_after_95_lines()
    {
        var bytes = Chargen.Expected(96 * 74);

        Assert.Equal(bytes.AsSpan(0, 74).ToArray(), bytes.AsSpan(95 * 74, 74).ToArray());
        Assert.Equal((byte)'~', bytes[94 * 74]); // the last line starts with the last printable character
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7_030)]
    [InlineData(100_001)]
    public void It_writes_exactly_size_bytes_then_unregisters_and_closes(int size)
    {
        var transport = new StringTransport();
        var chargen = new Chargen(size);

        chargen.MakeConnection(transport);

        Assert.Equal(Chargen.Expected(size), transport.Value());
        Assert.Null(transport.Producer);
        Assert.True(transport.Disconnecting);
    }

    [Fact]
    public void Paused_it_writes_nothing_more_until_resumed()
    {
        var transport = new StringTransport();
        var chargen = new Chargen(100_000);
        chargen.PauseProducing();

        chargen.MakeConnection(transport);
        Assert.Empty(transport.Value());
        Assert.Same(chargen, transport.Producer);

        chargen.ResumeProducing();
        Assert.Equal(100_000, transport.Value().Length);
        Assert.True(transport.Disconnecting);
    }
}
