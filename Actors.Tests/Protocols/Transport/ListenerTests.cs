using System.Net.Sockets;
using System.Text;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using ActorEcho.Protocols.Hosting;
using ActorEcho.Tests.Protocols.Model;
using ActorEcho.Tests.Protocols.Sockets;
using Akka.Actor;
using Xunit.Abstractions;
using static ActorEcho.Tests.Protocols.Transport.TransportSupport;

namespace ActorEcho.Tests.Protocols.Transport;

/// <summary>
/// Closing a listener and draining a factory: accepted connections stay open and finish what they write (Twisted's
/// rule) on either transport. How the port goes differs. ActorEcho's transport closes it at once, so new clients are
/// refused. Akka.IO 1.5.75's Unbind resets every connection the listener accepted (AKKA.md, edge 2), so there the port
/// stays bound, new clients are accepted and closed at once, and it is unbound only after its last connection has ended.
/// </summary>
public abstract class ListenerTests(ITestOutputHelper output, string transport) : AkkaSpec(output, transport: transport)
{
    // More than the sockets between the two ends hold, less than max-pending-write-bytes (16 MiB) written in one go.
    private const long Large = 12L * 1024 * 1024;

    private static void AssertEchoes(Socket client, string text)
    {
        client.Send(Encoding.ASCII.GetBytes(text));
        Assert.Equal(text, Encoding.ASCII.GetString(Net.ReadExactly(client, text.Length)));
    }

    /// <summary>What a client arriving after the listener stopped sees, on each transport.</summary>
    private void AssertNewClientsKeptOut(System.Net.EndPoint endpoint)
    {
        if (OnAkkaIo) AssertClosedAtOnce(endpoint);
        else AssertUnbound(endpoint);
    }

    private static void AssertClosedAtOnce(System.Net.EndPoint endpoint)
    {
        using var late = Net.Connect(endpoint);
        var (data, reset) = ReadUntilClosed(late);
        Assert.Empty(data);
        Assert.False(reset, "a refused client must see a clean close");
    }

    private static void AssertUnbound(System.Net.EndPoint endpoint) =>
        Assert.Equal(SocketError.ConnectionRefused, Assert.Throws<SocketException>(() => Net.Connect(endpoint).Dispose()).SocketErrorCode);

    [Fact]
    public async Task StopListening_keeps_accepted_connections_working_and_keeps_new_clients_out()
    {
        var factory = new QueryableFactory(() => new Echo());
        var (port, endpoint) = await Net.Listen(Sys, factory);
        var first = Net.Connect(endpoint);
        using var second = Net.Connect(endpoint);
        AssertEchoes(first, "one");
        AssertEchoes(second, "two");

        await port.StopListening().WaitAsync(Net.Timeout);

        AssertEchoes(first, "one still");
        AssertEchoes(second, "two still");
        AssertNewClientsKeptOut(endpoint);
        // On Akka.IO the port is still bound, and the factory refused the late client; on ActorEcho's nobody got that far.
        Assert.Equal((2, OnAkkaIo ? 1L : 0L, 0), await factory.Ask(f => (f.LiveConnections, f.Refused, f.NumPorts)));

        first.Dispose();
        AwaitAssert(() => Assert.Equal(1, factory.Ask(f => f.LiveConnections).GetAwaiter().GetResult()));
        AssertNewClientsKeptOut(endpoint); // on Akka.IO one connection is left, so the port is still bound
        AssertEchoes(second, "two to the end");

        second.Dispose();
        AwaitAssert(() => AssertUnbound(endpoint));
    }

    [Fact]
    public async Task Once_StopListening_completes_the_port_is_free_to_listen_on_again_unless_Akka_IO_still_holds_it()
    {
        var (port, endpoint) = await Net.Listen(Sys, new Factory(() => new Echo()));
        using var client = Net.Connect(endpoint);
        AssertEchoes(client, "held");

        await port.StopListening().WaitAsync(Net.Timeout);

        using var again = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (OnAkkaIo)
        {
            // Akka.IO unbinds only after the last connection, which is still open.
            Assert.Equal(SocketError.AddressAlreadyInUse, Assert.Throws<SocketException>(() => { again.Bind(endpoint); again.Listen(); }).SocketErrorCode);
            return;
        }

        again.Bind(endpoint);
        again.Listen();
        AssertEchoes(client, "still served");
    }

    /// <summary>On "go" writes <see cref="Large"/> bytes of the pattern; with <paramref name="close"/> it then closes.</summary>
    private Factory LargeWriter(bool close) => new(() => new ScriptedProtocol
    {
        Made = _ => TestActor.Tell("made", null),
        Data = (p, _) =>
        {
            for (long offset = 0; offset < Large; offset += 1024 * 1024) p.Transport.Write(Pattern(offset, 1024 * 1024));
            if (close) p.Transport.LoseConnection();
            TestActor.Tell("written", null);
        },
    });

    [Fact]
    public async Task The_last_connection_of_a_stopped_listener_finishes_writing_before_the_port_is_unbound()
    {
        var (port, endpoint) = await Net.Listen(Sys, LargeWriter(close: true));
        using var client = ConnectWithSmallWindow(endpoint);
        ExpectMsg("made"); // accepted before the listener stops: a connection still in the backlog then is refused
        await port.StopListening().WaitAsync(Net.Timeout);
        if (!OnAkkaIo) AssertUnbound(endpoint); // ActorEcho's transport unbinds at once, leaving the connection open

        client.Send("go"u8);
        ExpectMsg("written"); // closing now, with most of it still to send

        var (data, reset) = ReadUntilClosed(client);
        Assert.False(reset, "the unbind reset the connection");
        Assert.Equal(Large, data.Length);
        Assert.Equal(-1, FirstMismatch(data, 0));
        AwaitAssert(() => AssertUnbound(endpoint));
    }

    [Fact]
    public async Task A_drain_completes_only_once_pending_writes_are_delivered_so_stopping_after_it_cuts_nothing()
    {
        var factory = LargeWriter(close: false);
        var (_, endpoint) = await Net.Listen(Sys, factory);
        using var client = ConnectWithSmallWindow(endpoint);
        ExpectMsg("made");
        client.Send("go"u8);
        ExpectMsg("written");

        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        factory.Actor!.Tell(new DrainConnections(drained), ActorRefs.NoSender);
        var reading = ReadUntilClosedOnOwnThread(client);
        AssertClosedAtOnce(endpoint); // draining: new clients are refused (the drain keeps listening, on either transport)

        // What the service's shutdown does next: once drained, the factory (and whatever is left of its connections) goes.
        await drained.Task.WaitAsync(Net.Timeout);
        await factory.Actor.GracefulStop(Net.Timeout);

        var (data, reset) = await reading.WaitAsync(Net.Timeout);
        Assert.False(reset, "the connection was reset: the drain completed before its writes were delivered");
        Assert.Equal(Large, data.Length);
        Assert.Equal(-1, FirstMismatch(data, 0));
    }
}

public sealed class ListenerTestsOnActorEcho(ITestOutputHelper output) : ListenerTests(output, TransportNames.ActorEcho);

public sealed class ListenerTestsOnAkkaIo(ITestOutputHelper output) : ListenerTests(output, TransportNames.AkkaIo);
