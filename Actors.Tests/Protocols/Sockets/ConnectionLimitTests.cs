using System.Net;
using System.Net.Sockets;
using System.Text;
using Akka.Actor;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using ActorEcho.Protocols.Policies;
using ActorEcho.Tests.Protocols.Model;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Sockets;

/// <summary>Conformance item 45 over real sockets: a factory capped at one connection.</summary>
public abstract class ConnectionLimitTests(ITestOutputHelper output, string transport) : AkkaSpec(output, transport: transport)
{
    [Fact]
    public async Task Over_the_limit_a_client_is_told_to_try_later_and_a_freed_slot_serves_the_next()
    {
        var token = Clients.Deadline();
        var endpoint = await Serve(new ConnectionLimits(MaxConnections: 1, Overflow: () => new TooManyConnections()));

        using var first = await Clients.Connect(endpoint, token);
        await AssertEchoes(first, "one", token); // the first connection is counted before the second arrives

        using (var second = await Clients.Connect(endpoint, token))
        {
            Assert.Equal(TooManyConnections.Message + "\r\n", Encoding.ASCII.GetString(await Clients.ReadToEnd(second, token)));
        }

        await AssertEchoes(first, "still served", token);
        await LeaveAndWaitForClose(first, token);
        await AwaitNoConnection();

        using var third = await Clients.Connect(endpoint, token);
        await AssertEchoes(third, "three", token);
    }

    [Fact]
    public async Task Without_an_overflow_protocol_an_over_limit_client_is_closed_with_nothing_written()
    {
        var token = Clients.Deadline();
        var endpoint = await Serve(new ConnectionLimits(MaxConnections: 1));

        using var first = await Clients.Connect(endpoint, token);
        await AssertEchoes(first, "one", token);

        using (var second = await Clients.Connect(endpoint, token))
        {
            Assert.Empty(await Clients.ReadToEnd(second, token));
        }

        await AssertEchoes(first, "still served", token);
        await LeaveAndWaitForClose(first, token);
        await AwaitNoConnection();

        using var third = await Clients.Connect(endpoint, token);
        await AssertEchoes(third, "three", token);
        Assert.Equal(1, await Ask(f => f.Refused));
    }

    private QueryableFactory? _factory;

    private async Task<IPEndPoint> Serve(ConnectionLimits limits)
    {
        _factory = new QueryableFactory(() => new LineEcho()) { Limits = limits };
        return (await Net.Listen(Sys, _factory)).Endpoint;
    }

    internal static async Task AssertEchoes(Socket client, string line, CancellationToken token)
    {
        await Clients.SendAll(client, line + "\r\n", token);
        Assert.Equal(line + "\r\n", Encoding.ASCII.GetString(await Clients.ReadExactly(client, line.Length + 2, token)));
    }

    /// <summary>The client half-closes; the line echo then closes its side, which the client reads as EOF.</summary>
    internal static async Task LeaveAndWaitForClose(Socket client, CancellationToken token)
    {
        client.Shutdown(SocketShutdown.Send);
        Assert.Empty(await Clients.ReadToEnd(client, token));
    }

    /// <summary>
    /// The factory counts a connection down when its actor has stopped, a little after the client saw EOF; the
    /// question is asked on the factory's own turn, again until the count is 0, for at most the test timeout.
    /// </summary>
    private async Task AwaitNoConnection()
    {
        var until = DateTime.UtcNow + Clients.Timeout;
        while (await Ask(f => f.LiveConnections) != 0)
        {
            Assert.True(DateTime.UtcNow < until, "The connection count never went down.");
        }
    }

    private Task<T> Ask<T>(Func<Factory, T> read) => _factory!.Ask(read);
}

public sealed class ConnectionLimitTestsOnActorEcho(ITestOutputHelper output) : ConnectionLimitTests(output, TransportNames.ActorEcho);

public sealed class ConnectionLimitTestsOnAkkaIo(ITestOutputHelper output) : ConnectionLimitTests(output, TransportNames.AkkaIo);
