using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorEcho.Bench.Baselines;
using ActorEcho.Tests.Protocols.Model;

namespace ActorEcho.Tests.Bench;

// `serve kestrel-chat` in process on a port the OS picked: the same chat protocol as ActorEcho's, so the fan-out row
// can put the two side by side.
public sealed class KestrelChatTests
{
    private static string Ascii(byte[] bytes) => Encoding.ASCII.GetString(bytes);

    private static async Task<(KestrelServer Server, IPEndPoint Endpoint)> StartAsync()
    {
        var server = await KestrelServer.StartAsync(BaselineProtocol.Chat, 0);
        return (server, new IPEndPoint(IPAddress.Loopback, server.Port));
    }

    [Fact]
    public async Task Members_are_greeted_by_number_and_a_line_reaches_the_others_but_not_its_sender()
    {
        var (server, endpoint) = await StartAsync();
        await using var _ = server;
        using var first = Net.Connect(endpoint);
        Assert.Equal("Welcome to the chat, you are client #1", Net.ReadLine(first));
        using var second = Net.Connect(endpoint);
        Assert.Equal("Welcome to the chat, you are client #2", Net.ReadLine(second));

        first.Send("hello\r\n"u8);
        Assert.Equal("hello\r\n", Ascii(Net.ReadExactly(second, 7)));

        // The first member joined first, so a relay that included the sender would have written "hello" to it before
        // the second member saw it; the reply is what it reads first, with its "\n" as sent.
        second.Send("bye\n"u8);
        Assert.Equal("bye\n", Ascii(Net.ReadExactly(first, 4)));
    }

    [Fact]
    public async Task The_line_close_closes_only_that_member_and_numbers_keep_counting()
    {
        var (server, endpoint) = await StartAsync();
        await using var _ = server;
        using var first = Net.Connect(endpoint);
        Net.ReadLine(first);
        using var second = Net.Connect(endpoint);
        Net.ReadLine(second);

        second.Send("close\r\n"u8);

        Assert.Empty(Net.ReadToEnd(second));
        using var third = Net.Connect(endpoint);
        Assert.Equal("Welcome to the chat, you are client #3", Net.ReadLine(third));
        first.Send("still here\n"u8);
        Assert.Equal("still here\n", Ascii(Net.ReadExactly(third, 11)));
    }

    [Fact]
    public async Task A_member_that_stops_reading_is_dropped_while_the_others_keep_receiving()
    {
        const int LineLength = 8 * 1024;
        // Far more than the member's bound plus what the two sockets' kernel buffers can hold between them.
        const int Lines = 512;
        var (server, endpoint) = await StartAsync();
        await using var _ = server;
        // A small receive window keeps the kernel's share of the backlog small.
        using var stalled = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            ReceiveBufferSize = 4096,
            ReceiveTimeout = (int)Net.Timeout.TotalMilliseconds,
        };
        stalled.Connect(endpoint);
        Net.ReadLine(stalled);
        using var sender = Net.Connect(endpoint);
        Net.ReadLine(sender);
        using var reader = Net.Connect(endpoint);
        Net.ReadLine(reader);
        var line = new byte[LineLength];
        line.AsSpan().Fill((byte)'x');
        line[^1] = (byte)'\n';

        for (var i = 0; i < Lines; i++)
        {
            sender.Send(line);
            Assert.Equal(line, Net.ReadExactly(reader, LineLength));
        }

        // The stalled member gets what was queued for it before it was dropped, then the end of the stream; a
        // member still being served would leave this read waiting until the receive timeout instead.
        var received = 0L;
        try
        {
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = stalled.Receive(buffer)) > 0)
            {
                received += read;
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            // Dropped with data still unsent: as good as the end of the stream.
        }

        Assert.InRange(received, 0, (long)Lines * LineLength / 2);
    }
}
