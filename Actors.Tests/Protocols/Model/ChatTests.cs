using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorEcho.IO;
using ActorEcho.Protocols.Builtin;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Model;

/// <summary>The chat seed program end to end: greetings, relaying to the others only, <c>close</c>, and the connection cap.</summary>
public abstract class ChatTests(ITestOutputHelper output, string transport) : AkkaSpec(output, transport: transport)
{
    private static void SendLine(Socket socket, string line) => socket.Send(Encoding.UTF8.GetBytes(line + "\r\n"));

    /// <summary>Connects and reads the greeting, so clients join in a known order.</summary>
    private static Socket Join(IPEndPoint endpoint, int expectedNumber)
    {
        var client = Net.Connect(endpoint);
        Assert.Equal($"Welcome to the chat, you are client #{expectedNumber}", Net.ReadLine(client));
        return client;
    }

    [Fact]
    public async Task Three_clients_are_greeted_with_their_numbers_and_a_line_reaches_the_other_two_only()
    {
        var (_, endpoint) = await Net.Listen(Sys, new ChatFactory());
        using var a = Join(endpoint, 1);
        using var b = Join(endpoint, 2);
        using var c = Join(endpoint, 3);

        SendLine(a, "hello from a");
        Assert.Equal("hello from a", Net.ReadLine(b));
        Assert.Equal("hello from a", Net.ReadLine(c));

        // If a had been sent its own line, it would come before b's: the factory relays in order.
        SendLine(b, "hello from b");
        Assert.Equal("hello from b", Net.ReadLine(a));
        Assert.Equal("hello from b", Net.ReadLine(c));
    }

    [Fact]
    public async Task The_line_close_closes_that_client_only()
    {
        var (_, endpoint) = await Net.Listen(Sys, new ChatFactory());
        using var a = Join(endpoint, 1);
        using var b = Join(endpoint, 2);
        using var c = Join(endpoint, 3);

        SendLine(c, "close");
        Assert.Empty(Net.ReadToEnd(c)); // a clean close, and "close" is not relayed

        SendLine(a, "still here");
        Assert.Equal("still here", Net.ReadLine(b));
        SendLine(b, "me too");
        Assert.Equal("me too", Net.ReadLine(a));
    }

    [Fact]
    public async Task Over_the_cap_a_client_is_told_to_try_later_and_closed_and_a_freed_place_is_given_to_a_new_client()
    {
        var factory = new ChatFactory(maxConnections: 2);
        var (_, endpoint) = await Net.Listen(Sys, factory);
        var a = Join(endpoint, 1);
        using var b = Join(endpoint, 2);

        using (var third = Net.Connect(endpoint))
        {
            Assert.Equal(TooManyConnections.Message, Net.ReadLine(third));
            Assert.Empty(Net.ReadToEnd(third));
        }

        SendLine(a, "close");
        Assert.Empty(Net.ReadToEnd(a));
        a.Dispose();

        using var d = Join(endpoint, 4); // #3 was the refused client
        SendLine(d, "hi b");
        Assert.Equal("hi b", Net.ReadLine(b));
    }
}

public sealed class ChatTestsOnActorEcho(ITestOutputHelper output) : ChatTests(output, TransportNames.ActorEcho);

public sealed class ChatTestsOnAkkaIo(ITestOutputHelper output) : ChatTests(output, TransportNames.AkkaIo);
