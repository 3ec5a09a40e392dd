using ActorEcho.TestKit.Protocols;
using static ActorEcho.Tests.Protocols.Basic.Recorded;

namespace ActorEcho.Tests.Protocols.Basic;

public class LineReceiverTests
{
    private static void FeedBytewise(RecordingLineReceiver receiver, string input)
    {
        foreach (var b in Bytes(input)) receiver.DataReceived([b]);
    }

    [Fact]
    public void Lines_fed_one_byte_at_a_time_are_delivered_and_the_tail_stays_buffered()
    {
        var receiver = Connect(new RecordingLineReceiver(), out _);

        FeedBytewise(receiver, "foo\r\nbar\r\n\r\nbaz");

        Assert.Equal(["foo", "bar", ""], receiver.Lines);
        Assert.Equal(3, receiver.BufferedByteCount);
    }

    [Fact]
    public void Same_callbacks_in_every_chunk_size()
    {
        var input = Bytes("first line\r\nsecond\r\n\r\nthird one is longer\r\nrest");

        var outcome = ChunkingHarness.AssertChunkingInvariant(() => new RecordingLineReceiver(), r => r.Events, input);

        Assert.Equal(["line:first line", "line:second", "line:", "line:third one is longer"], outcome.Take(4));
    }

    [Fact]
    public void Line_of_exactly_max_length_is_accepted()
    {
        var receiver = Connect(new RecordingLineReceiver { MaxLength = 4 }, out var transport);

        receiver.DataReceived(Bytes("abcd\r\n"));

        Assert.Equal(["abcd"], receiver.Lines);
        Assert.False(transport.Disconnecting);
    }

    [Fact]
    public void Line_longer_than_max_length_closes_the_connection()
    {
        var logger = new RecordingLogger();
        var receiver = Connect(new RecordingLineReceiver { MaxLength = 4 }, out var transport, logger);

        receiver.DataReceived(Bytes("ok\r\nabcde\r\nnext\r\ntail"));

        Assert.Equal(["line:ok", "exceeded:abcde\r\nnext\r\ntail"], receiver.Events);
        Assert.Equal(0, receiver.BufferedByteCount);
        Assert.True(transport.Disconnecting);
        var line = Assert.Single(logger.Lines);
        Assert.Contains(StringTransport.DefaultPeer.ToString()!, line.Message);
        Assert.Contains("MaxLength 4", line.Message);
    }

    [Theory]
    [InlineData(4, 5, false)]
    [InlineData(4, 6, true)]
    [InlineData(16384, 16385, false)]
    [InlineData(16384, 16386, true)]
    public void Unterminated_line_is_rejected_once_it_reaches_max_length_plus_the_delimiter(int maxLength, int length, bool rejected)
    {
        var receiver = Connect(new RecordingLineReceiver { MaxLength = maxLength }, out var transport);

        receiver.DataReceived(Bytes(new string('x', length)));

        Assert.Equal(rejected, transport.Disconnecting);
        Assert.Equal(rejected, receiver.Events.Count == 1);
    }

    [Fact]
    public void Delimiter_split_across_chunks_still_ends_the_line()
    {
        var receiver = Connect(new RecordingLineReceiver { MaxLength = 3 }, out var transport);

        receiver.DataReceived(Bytes("xyz\r"));
        receiver.DataReceived(Bytes("\n"));

        Assert.Equal(["xyz"], receiver.Lines);
        Assert.False(transport.Disconnecting);
    }

    private static RecordingLineReceiver RawSwitcher() => new()
    {
        OnLine = (r, line) =>
        {
            if (line == "RAW") r.SetRawMode();
        },
        OnRaw = (r, data) =>
        {
            var bar = data.IndexOf('|');
            if (bar >= 0) r.SetLineMode(Bytes(data[(bar + 1)..]));
        },
    };

    [Fact]
    public void Raw_mode_switch_mid_buffer_hands_raw_bytes_on_and_returns_to_lines()
    {
        var receiver = Connect(RawSwitcher(), out _);

        receiver.DataReceived(Bytes("a\r\nRAW\r\n12345|b\r\nc\r\n"));

        Assert.Equal(["line:a", "line:RAW", "raw:12345|b\r\nc\r\n", "line:b", "line:c"], receiver.Events);
    }

    [Fact]
    public void Raw_mode_switch_gives_the_same_lines_in_every_chunk_size()
    {
        var outcomes = Enumerable.Range(1, 24)
            .Select(size => ChunkingHarness.Run(RawSwitcher, r => r.Lines, Bytes("a\r\nRAW\r\n12345|b\r\nc\r\n"), size))
            .ToList();

        Assert.All(outcomes, outcome => Assert.Equal(["a", "RAW", "b", "c"], outcome.Take(4)));
    }

    [Fact]
    public void Changing_the_delimiter_mid_buffer_splits_the_rest_on_the_new_one()
    {
        var receiver = Connect(
            new RecordingLineReceiver
            {
                OnLine = (r, line) =>
                {
                    if (line == "SWITCH") r.Delimiter = Bytes("\n");
                },
            },
            out _);

        receiver.DataReceived(Bytes("a\r\nSWITCH\r\nb\nc\r\n"));

        Assert.Equal(["a", "SWITCH", "b", "c\r"], receiver.Lines);
    }

    [Fact]
    public void Lines_after_lose_connection_are_not_delivered()
    {
        var receiver = Connect(
            new RecordingLineReceiver
            {
                OnLine = (r, line) =>
                {
                    if (line == "QUIT") r.Transport.LoseConnection();
                },
            },
            out var transport);

        receiver.DataReceived(Bytes("a\r\nQUIT\r\nb\r\n"));

        Assert.Equal(["a", "QUIT"], receiver.Lines);
        Assert.True(transport.Disconnecting);
    }

    [Fact]
    public void Pause_inside_line_received_holds_lines_until_resume()
    {
        var receiver = Connect(
            new RecordingLineReceiver
            {
                OnLine = (r, line) =>
                {
                    if (line == "P") r.PauseProducing();
                },
            },
            out var transport);

        receiver.DataReceived(Bytes("a\r\nP\r\nb\r\nc\r\n"));

        Assert.Equal(["a", "P"], receiver.Lines);
        Assert.Equal(ProducerState.Paused, transport.ProducerState);

        receiver.ResumeProducing();

        Assert.Equal(["a", "P", "b", "c"], receiver.Lines);
        Assert.Equal(ProducerState.Producing, transport.ProducerState);
    }

    [Fact]
    public void Data_received_while_paused_is_delivered_after_resume()
    {
        var receiver = Connect(new RecordingLineReceiver(), out _);
        receiver.PauseProducing();

        receiver.DataReceived(Bytes("a\r\nb"));
        receiver.DataReceived(Bytes("\r\n"));
        Assert.Empty(receiver.Lines);

        receiver.ResumeProducing();
        Assert.Equal(["a", "b"], receiver.Lines);
    }

    [Fact]
    public void Clear_line_buffer_inside_line_received_returns_the_rest_and_drops_it()
    {
        byte[]? cleared = null;
        var receiver = Connect(
            new RecordingLineReceiver
            {
                OnLine = (r, line) =>
                {
                    if (line == "foo") cleared = r.ClearLineBuffer();
                },
            },
            out _);

        receiver.DataReceived(Bytes("foo\r\nbar\r\nbaz"));
        Assert.Equal("bar\r\nbaz", Text(cleared));

        receiver.DataReceived(Bytes("quux\r\n"));
        Assert.Equal(["foo", "quux"], receiver.Lines);
    }

    [Fact]
    public void Switching_modes_thousands_of_times_in_one_buffer_does_not_recurse()
    {
        const int switches = 3_000;
        var receiver = Connect(
            new RecordingLineReceiver
            {
                OnLine = (r, _) => r.SetRawMode(),
                OnRaw = (r, data) => r.SetLineMode(Bytes(data[1..])),
            },
            out _);

        // Each line switches to raw; the raw callback eats one byte and hands the rest back to line mode.
        var input = string.Concat(Enumerable.Repeat("L\r\nR", switches));
        receiver.DataReceived(Bytes(input));

        Assert.Equal(switches, receiver.Lines.Count());
    }

    [Fact]
    public void Send_line_appends_the_delimiter()
    {
        var receiver = Connect(new RecordingLineReceiver(), out var transport);

        receiver.SendLine("hi");

        Assert.Equal("hi\r\n", transport.WrittenText);
    }

    [Fact]
    public void Raw_data_received_whole_when_nothing_is_buffered()
    {
        var receiver = Connect(new RecordingLineReceiver(), out _);
        receiver.SetRawMode();

        receiver.DataReceived(Bytes("any\r\nbytes"));

        Assert.Equal(["raw:any\r\nbytes"], receiver.Events);
        Assert.Equal(0, receiver.BufferedByteCount);
    }

    [Fact]
    public void Data_received_from_inside_a_callback_is_queued_behind_the_buffer()
    {
        var receiver = Connect(
            new RecordingLineReceiver
            {
                OnLine = (r, line) =>
                {
                    if (line == "a") r.DataReceived(Bytes("injected\r\n"));
                },
            },
            out _);

        receiver.DataReceived(Bytes("a\r\nb\r\n"));

        Assert.Equal(["a", "b", "injected"], receiver.Lines);
    }
}
