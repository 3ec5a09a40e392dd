using System.Net;
using System.Net.Sockets;
using ActorEcho.IO;
using ActorEcho.Protocols;
using static ActorEcho.Protocols.Endpoints.Endpoints;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Model;

/// <summary>Endpoints as tasks: Connect completes with the connected protocol or fails clearly; Listen fails naming the port.</summary>
public abstract class EndpointConnectTests(ITestOutputHelper output, string transport) : AkkaSpec(output, transport: transport)
{
    /// <summary>Remembers that ConnectionMade ran to its end, so the test can check it ran before the task completed.</summary>
    private sealed class MadeProtocol : Protocol
    {
        private volatile bool _made;

        public bool Made => _made;

        protected internal override void ConnectionMade() => _made = true;
    }

    [Fact]
    public async Task Connect_completes_with_the_protocol_after_its_ConnectionMade()
    {
        var (_, endpoint) = await Net.Listen(Sys, Factory.ForProtocol<ActorEcho.Protocols.Builtin.Echo>());

        var protocol = await ClientFromString(Sys, $"tcp:127.0.0.1:{endpoint.Port}")
            .Connect(new ClientFactory(() => new MadeProtocol())).WaitAsync(Net.Timeout);

        var made = Assert.IsType<MadeProtocol>(protocol);
        Assert.True(made.Made);
        Assert.True(made.Connected);
    }

    [Fact]
    public async Task Connect_fails_with_NoProtocolException_when_the_factory_builds_none_and_the_server_sees_a_clean_close()
    {
        var server = CreateTestProbe();
        var (_, endpoint) = await Net.Listen(Sys, new Factory(() => new RecordingProtocol(server.Ref, "s")));

        var connect = ClientFromString(Sys, $"tcp:127.0.0.1:{endpoint.Port}").Connect(new ClientFactory(() => null!));

        var error = await Assert.ThrowsAsync<NoProtocolException>(() => connect.WaitAsync(Net.Timeout));
        Assert.Contains("no protocol", error.Message, StringComparison.OrdinalIgnoreCase);
        server.ExpectMsg("s:made");
        server.ExpectMsg("s:lost:ConnectionDoneException");
    }

    private sealed class ThrowingOnMade : Protocol
    {
        protected internal override void ConnectionMade() => throw new InvalidOperationException("cannot greet");
    }

    [Fact]
    public async Task Connect_fails_with_the_exception_ConnectionMade_threw_and_the_server_sees_a_clean_close()
    {
        var server = CreateTestProbe();
        var (_, endpoint) = await Net.Listen(Sys, new Factory(() => new RecordingProtocol(server.Ref, "s")));

        var connect = ClientFromString(Sys, $"tcp:127.0.0.1:{endpoint.Port}").Connect(new ClientFactory(() => new ThrowingOnMade()));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => connect.WaitAsync(Net.Timeout));
        Assert.Equal("cannot greet", error.Message);
        server.ExpectMsg("s:made");
        server.ExpectMsg("s:lost:ConnectionDoneException");
    }

    [Fact]
    public async Task Connect_to_a_port_nobody_listens_on_fails_with_ConnectError()
    {
        var port = Net.FreePort();

        var connect = ClientFromString(Sys, $"tcp:127.0.0.1:{port}").Connect(new ClientFactory(() => new MadeProtocol()));

        var error = await Assert.ThrowsAsync<ConnectError>(() => connect.WaitAsync(Net.Timeout));
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Listen_on_a_port_in_use_fails_naming_the_port()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        var listen = ServerFromString(Sys, $"tcp:{port}:interface=127.0.0.1").Listen(Factory.ForProtocol<ActorEcho.Protocols.Builtin.Echo>());

        var error = await Assert.ThrowsAnyAsync<Exception>(() => listen.WaitAsync(Net.Timeout));
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Fact]
    public async Task A_factory_can_Connect_again_after_its_first_connection_ended()
    {
        var (_, endpoint) = await Net.Listen(Sys, Factory.ForProtocol<ActorEcho.Protocols.Builtin.Echo>());
        var client = ClientFromString(Sys, $"tcp:127.0.0.1:{endpoint.Port}");
        var factory = new ClientFactory(() => new MadeProtocol());

        var first = await client.Connect(factory).WaitAsync(Net.Timeout);
        first.Transport.LoseConnection();
        AwaitCondition(() => !first.Connected);
        var second = await client.Connect(factory).WaitAsync(Net.Timeout);

        Assert.NotSame(first, second);
        Assert.True(second.Connected);
    }

    [Fact]
    public async Task A_named_client_factory_can_Connect_again_after_its_first_connection_ended()
    {
        var (_, endpoint) = await Net.Listen(Sys, Factory.ForProtocol<ActorEcho.Protocols.Builtin.Echo>());
        var client = ClientFromString(Sys, $"tcp:127.0.0.1:{endpoint.Port}");
        var factory = new ClientFactory(() => new MadeProtocol()) { Name = "named-client" };

        var first = await client.Connect(factory).WaitAsync(Net.Timeout);
        first.Transport.LoseConnection();
        AwaitCondition(() => !first.Connected);
        var second = await client.Connect(factory).WaitAsync(Net.Timeout);

        Assert.True(second.Connected);
    }

    [Fact]
    public async Task An_endpoint_connector_stops_once_its_connection_is_over()
    {
        var (_, endpoint) = await Net.Listen(Sys, Factory.ForProtocol<ActorEcho.Protocols.Builtin.Echo>());
        var factory = new ClientFactory(() => new MadeProtocol());
        var protocol = await ClientFromString(Sys, $"tcp:127.0.0.1:{endpoint.Port}").Connect(factory).WaitAsync(Net.Timeout);
        var connector = Watch(factory.Actor!);

        protocol.Transport.LoseConnection();

        ExpectTerminated(connector);
    }

    [Fact]
    public async Task An_endpoint_connector_stops_after_a_refused_attempt()
    {
        var factory = new ClientFactory(() => new MadeProtocol());
        var connect = ClientFromString(Sys, $"tcp:127.0.0.1:{Net.FreePort()}").Connect(factory);
        await Assert.ThrowsAsync<ConnectError>(() => connect.WaitAsync(Net.Timeout));

        ExpectTerminated(Watch(factory.Actor!)); // watching an actor already gone still tells
    }
}

public sealed class EndpointConnectTestsOnActorEcho(ITestOutputHelper output) : EndpointConnectTests(output, TransportNames.ActorEcho);

public sealed class EndpointConnectTestsOnAkkaIo(ITestOutputHelper output) : EndpointConnectTests(output, TransportNames.AkkaIo);
