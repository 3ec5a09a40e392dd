using System.Net;
using System.Text;
using ActorEcho.Tests.Protocols.Model;

namespace ActorEcho.Tests.Hosting;

/// <summary>The built Host with the service's four listeners, talked to over loopback sockets.</summary>
public sealed class ServiceProcessTests(ServiceProcessFixture service) : IClassFixture<ServiceProcessFixture>
{
    [Fact]
    public void Each_listener_prints_one_listening_line_with_its_bound_address_and_protocol()
    {
        var lines = service.Host.StandardOutput.Split('\n').Where(l => l.Contains("listening: ", StringComparison.Ordinal)).ToList();

        Assert.Equal(4, lines.Count);
        Assert.Contains(lines, l => l.EndsWith($"listening: echo on tcp:127.0.0.1:{service.Ports["echo"]} (protocol echo)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith($"listening: qotd on tcp:127.0.0.1:{service.Ports["qotd"]} (protocol qotd)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith($"listening: chat on tcp:127.0.0.1:{service.Ports["chat"]} (protocol chat)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith($"listening: lines on tcp:127.0.0.1:{service.Ports["lines"]} (protocol line-echo)", StringComparison.Ordinal));
    }

    [Fact]
    public void Echo_writes_back_what_it_receives()
    {
        using var client = Connect("echo");

        client.Send("ping, then pong"u8);

        Assert.Equal("ping, then pong", Encoding.ASCII.GetString(Net.ReadExactly(client, 15)));
    }

    [Fact]
    public void Qotd_sends_the_configured_quote_and_closes()
    {
        using var client = Connect("qotd");

        Assert.Equal(ServiceProcessFixture.Quote + "\r\n", Encoding.UTF8.GetString(Net.ReadToEnd(client)));
    }

    [Fact]
    public void Chat_numbers_its_members_and_relays_each_line_to_the_others()
    {
        using var first = Connect("chat");
        var firstGreeting = Net.ReadLine(first);
        using var second = Connect("chat");
        var secondGreeting = Net.ReadLine(second);

        second.Send("hello from the second\r\n"u8);
        Assert.Equal("hello from the second", Net.ReadLine(first));
        first.Send("and back from the first\r\n"u8);
        Assert.Equal("and back from the first", Net.ReadLine(second));

        // Numbers count every connection the room has had, so compare them with each other, not with 1 and 2.
        var number = int.Parse(firstGreeting["Welcome to the chat, you are client #".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("Welcome to the chat, you are client #", firstGreeting);
        Assert.Equal($"Welcome to the chat, you are client #{number + 1}", secondGreeting);
    }

    [Fact]
    public void Line_echo_answers_each_line_even_when_lines_arrive_together_or_split()
    {
        using var client = Connect("lines");

        client.Send("one\r\ntw"u8);
        Assert.Equal("one", Net.ReadLine(client));
        client.Send("o\r\n"u8);
        Assert.Equal("two", Net.ReadLine(client));
    }

    private System.Net.Sockets.Socket Connect(string listener) => Net.Connect(new IPEndPoint(IPAddress.Loopback, service.Ports[listener]));
}
