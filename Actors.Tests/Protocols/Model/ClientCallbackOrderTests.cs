using ActorEcho.IO;
using ActorEcho.Protocols;
using static ActorEcho.Protocols.Endpoints.Endpoints;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Model;

/// <summary>Conformance item 5: the order of a client factory's callbacks, over real loopback sockets.</summary>
public abstract class ClientCallbackOrderTests(ITestOutputHelper output, string transport) : AkkaSpec(output, transport: transport)
{
    [Fact]
    public async Task A_connection_that_succeeds_then_is_lost_calls_back_in_Twisted_order()
    {
        // The server closes each connection as soon as it is made, so the client's loss is a clean one.
        var (_, endpoint) = await Net.Listen(Sys, new Factory(() => new RecordingProtocol(CreateTestProbe().Ref)
        {
            OnMade = p => p.Transport.LoseConnection(),
        }));

        ConnectTcp(Sys, "127.0.0.1", endpoint.Port, new RecordingClientFactory(TestActor));

        foreach (var expected in new[]
                 {
                     "start", "connecting", "build", "c:made", "c:lost:ConnectionDoneException",
                     "clientLost:ConnectionDoneException", "stop",
                 })
            ExpectMsg(expected);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_refused_connection_calls_back_StartedConnecting_then_ClientConnectionFailed_then_StopFactory()
    {
        var port = Net.FreePort();

        var connector = ConnectTcp(Sys, "127.0.0.1", port, new RecordingClientFactory(TestActor));

        ExpectMsg("start");
        ExpectMsg("connecting");
        var failed = ExpectMsg<string>(m => m.StartsWith("failed:", StringComparison.Ordinal));
        Assert.StartsWith($"failed:{nameof(ConnectError)}:", failed);
        Assert.Contains("refused", failed, StringComparison.OrdinalIgnoreCase);
        ExpectMsg("stop");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // no protocol was built, nothing was lost
        AwaitCondition(() => connector.State == ConnectorState.Disconnected);
    }

    [Fact]
    public async Task The_connector_can_connect_again_after_a_loss_and_the_factory_starts_again()
    {
        var (_, endpoint) = await Net.Listen(Sys, new Factory(() => new RecordingProtocol(CreateTestProbe().Ref)
        {
            OnMade = p => p.Transport.LoseConnection(),
        }));
        var connector = ConnectTcp(Sys, "127.0.0.1", endpoint.Port, new RecordingClientFactory(TestActor));
        FishForMessage(m => m is "stop");

        connector.Connect();

        foreach (var expected in new[]
                 {
                     "start", "connecting", "build", "c:made", "c:lost:ConnectionDoneException",
                     "clientLost:ConnectionDoneException", "stop",
                 })
            ExpectMsg(expected);
    }

    [Fact]
    public async Task Disconnect_closes_an_established_connection_with_one_clean_loss()
    {
        var (_, endpoint) = await Net.Listen(Sys, Factory.ForProtocol<ActorEcho.Protocols.Builtin.Echo>());
        var connector = ConnectTcp(Sys, "127.0.0.1", endpoint.Port, new RecordingClientFactory(TestActor));
        ExpectMsg("start");
        ExpectMsg("connecting");
        ExpectMsg("build");
        ExpectMsg("c:made");

        connector.Disconnect();

        ExpectMsg("c:lost:ConnectionDoneException");
        ExpectMsg("clientLost:ConnectionDoneException");
        ExpectMsg("stop");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_client_factory_shared_by_two_connectors_starts_once_and_stops_after_both_connections_end()
    {
        var (_, endpoint) = await Net.Listen(Sys, Factory.ForProtocol<ActorEcho.Protocols.Builtin.Echo>());
        var factory = new RecordingClientFactory(TestActor);

        var first = ConnectTcp(Sys, "127.0.0.1", endpoint.Port, factory);
        var second = ConnectTcp(Sys, "127.0.0.1", endpoint.Port, factory);
        ExpectMsgAllOf("start", "connecting", "connecting", "build", "build", "c:made", "c:made");

        first.Disconnect();
        ExpectMsg("c:lost:ConnectionDoneException");
        ExpectMsg("clientLost:ConnectionDoneException");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // the other connector still uses the factory

        second.Disconnect();
        ExpectMsg("c:lost:ConnectionDoneException");
        ExpectMsg("clientLost:ConnectionDoneException");
        ExpectMsg("stop");
    }
}

public sealed class ClientCallbackOrderTestsOnActorEcho(ITestOutputHelper output) : ClientCallbackOrderTests(output, TransportNames.ActorEcho);

public sealed class ClientCallbackOrderTestsOnAkkaIo(ITestOutputHelper output) : ClientCallbackOrderTests(output, TransportNames.AkkaIo);
