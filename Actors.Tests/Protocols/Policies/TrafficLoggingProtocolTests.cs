using ActorEcho.Protocols;
using ActorEcho.Protocols.Policies;
using ActorEcho.TestKit.Protocols;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Tests.Protocols.Policies;

public class TrafficLoggingProtocolTests
{
    private const int TrafficEvent = 2311;

    private readonly RecordingLogger _logger = new();
    private readonly StringTransport _transport = new();

    [Fact]
    public void Each_chunk_in_and_out_is_one_debug_line_with_direction_size_and_preview()
    {
        var protocol = Connect(new EchoProtocol(), previewBytes: 64);

        protocol.DataReceived(Bytes.Of("hello\r\n"));

        Assert.Equal(
            [$"{StringTransport.DefaultPeer} in 7 bytes: hello\\r\\n", $"{StringTransport.DefaultPeer} out 7 bytes: hello\\r\\n"],
            TrafficLines());
        Assert.All(_logger.Lines, line => Assert.Equal(LogLevel.Debug, line.Level));
        Assert.Equal("hello\r\n", _transport.WrittenText);
    }

    [Fact]
    public void The_preview_shows_at_most_the_configured_number_of_bytes()
    {
        var protocol = Connect(new RecordingProtocol(), previewBytes: 4);

        protocol.DataReceived(Bytes.Of("abcdefgh"));
        protocol.DataReceived(Bytes.Of("abcd"));

        Assert.Equal([$"{StringTransport.DefaultPeer} in 8 bytes: abcd...", $"{StringTransport.DefaultPeer} in 4 bytes: abcd"], TrafficLines());
    }

    [Fact]
    public void A_zero_preview_logs_only_direction_and_size()
    {
        var protocol = Connect(new RecordingProtocol(), previewBytes: 0);

        protocol.DataReceived(Bytes.Of("secret"));

        Assert.Equal([$"{StringTransport.DefaultPeer} in 6 bytes: ..."], TrafficLines());
    }

    [Fact]
    public void Bytes_that_are_not_printable_are_escaped()
    {
        var protocol = Connect(new RecordingProtocol(), previewBytes: 64);

        protocol.DataReceived([0x00, (byte)'\\', (byte)'\t', 0x7f, 0xff, (byte)'A']);

        Assert.Equal([$@"{StringTransport.DefaultPeer} in 6 bytes: \x00\\\t\x7f\xffA"], TrafficLines());
    }

    [Fact]
    public void Each_buffer_of_a_write_sequence_is_one_line()
    {
        var inner = new RecordingProtocol();
        Connect(inner, previewBytes: 64);

        inner.Transport.WriteSequence([Bytes.Of("ab"), Bytes.Of("cde")]);

        Assert.Equal([$"{StringTransport.DefaultPeer} out 2 bytes: ab", $"{StringTransport.DefaultPeer} out 3 bytes: cde"], TrafficLines());
        Assert.Equal("abcde", _transport.WrittenText);
    }

    [Fact]
    public void Connecting_and_disconnecting_are_logged_around_the_traffic()
    {
        var inner = new RecordingProtocol();
        var protocol = Connect(inner, previewBytes: 64);

        protocol.DataReceived(Bytes.Of("x"));
        protocol.NotifyConnectionLost(new ConnectionDoneException());

        Assert.Equal([2312, TrafficEvent, 2313], _logger.Lines.Select(l => l.Id.Id));
        Assert.Contains("ConnectionDoneException", _logger.Lines[^1].Message, StringComparison.Ordinal);
        Assert.Equal(["made", "data:x", "lost:ConnectionDoneException"], inner.Events);
    }

    [Fact]
    public void A_negative_preview_length_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrafficLoggingProtocol(new RecordingProtocol(), -1));
    }

    private TrafficLoggingProtocol Connect(Protocol inner, int previewBytes)
    {
        var protocol = new TrafficLoggingProtocol(inner, previewBytes) { Logger = _logger };
        protocol.MakeConnection(_transport);
        return protocol;
    }

    private List<string> TrafficLines() => _logger.Lines.Where(l => l.Id.Id == TrafficEvent).Select(l => l.Message).ToList();
}
