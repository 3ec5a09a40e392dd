using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorEcho.IO;
using ActorEcho.Protocols;
using Akka.Actor;
using ActorEcho.Tests.Protocols.Model;
using Akka.IO;
using Xunit.Abstractions;
using static ActorEcho.Protocols.Endpoints.Endpoints;

namespace ActorEcho.Tests.Protocols.Transport;

/// <summary>
/// Connects that fail, and endpoints the hosting cannot serve. Akka.IO 1.5.75 drops the socket error of a failed
/// connect (AKKA.md, edge 7): a refused and an unreachable peer read alike, so there ActorEcho's ConnectError says
/// "refused" with that caveat. ActorEcho's transport passes the SocketException on, and the ConnectError is exact.
/// </summary>
public abstract class ConnectFailureTests(ITestOutputHelper output, string transport)
    : AkkaSpec(output, config: "actor-echo.io.tcp.connect-timeout = 2s", transport: transport)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    private IActorRef Manager => OnAkkaIo ? Sys.Tcp() : Sys.ActorEchoTcp();

    [Fact]
    public void The_transport_reports_a_refused_connect_with_Akka_IO_dropping_its_socket_error()
    {
        // Pins down what ClientFactoryActor has to classify; when Akka.IO starts passing the SocketException on, this
        // fails, and the classification can say "refused" without the caveat.
        var port = Net.FreePort();
        Manager.Tell(new Tcp.Connect(new IPEndPoint(IPAddress.Loopback, port)), TestActor);

        var failed = ExpectMsg<Tcp.CommandFailed>(Net.Timeout);
        Assert.True(failed.Cause.HasValue);
        if (OnAkkaIo)
        {
            var cause = Assert.IsType<ConnectException>(failed.Cause.Value);
            Assert.Contains("finishConnect never returned true", cause.Message, StringComparison.Ordinal);
            return;
        }

        var refused = Assert.IsAssignableFrom<SocketException>(failed.Cause.Value);
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.Contains($"127.0.0.1:{port}", refused.Message, StringComparison.Ordinal); // names what was being done
    }

    [Fact]
    public async Task A_connect_to_a_port_nobody_listens_on_fails_with_ConnectError_within_the_connect_timeout()
    {
        var clock = Stopwatch.StartNew();
        var connect = ClientFromString(Sys, $"tcp:127.0.0.1:{Net.FreePort()}:timeout=2").Connect(new ClientFactory(() => new ScriptedProtocol()));

        var error = await Assert.ThrowsAsync<ConnectError>(() => connect.WaitAsync(Net.Timeout));

        Assert.True(clock.Elapsed < ConnectTimeout, $"took {clock.Elapsed}, not less than the connect timeout");
        if (OnAkkaIo)
        {
            Assert.Equal("Connection was refused by other side, or the host could not be reached (Akka.IO does not tell which).", error.Message);
            Assert.IsType<ConnectException>(error.InnerException);
            return;
        }

        Assert.Equal("Connection was refused by other side.", error.Message);
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsAssignableFrom<SocketException>(error.InnerException).SocketErrorCode);
    }

    [Fact]
    public async Task A_connect_the_peer_never_answers_fails_with_a_timeout_ConnectError_at_the_configured_connect_timeout()
    {
        // A listener that never accepts, its accept queue filled: Linux then drops further SYNs, and a connect hangs.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var queued = await ActorEcho.Tests.IO.Loopback.FillAcceptQueue(endpoint);
        try
        {
            var clock = Stopwatch.StartNew();
            ConnectTcp(Sys, "127.0.0.1", endpoint.Port, new RecordingClientFactory(TestActor)); // no timeout given: the configured one

            ExpectMsg("start");
            ExpectMsg("connecting");
            Assert.StartsWith($"failed:{nameof(ConnectError)}:User timeout caused connection failure", ExpectMsg<string>(Net.Timeout), StringComparison.Ordinal);
            Assert.InRange(clock.Elapsed, ConnectTimeout - TimeSpan.FromMilliseconds(100), Net.Timeout);
        }
        finally
        {
            foreach (var socket in queued) socket.Dispose();
        }
    }

    [Fact]
    public async Task A_unix_endpoint_listens_on_ActorEchos_transport_and_fails_clearly_on_Akka_IO()
    {
        var path = Path.Combine(Path.GetTempPath(), $"actor-echo-{Guid.NewGuid():N}.sock");
        if (!OnAkkaIo)
        {
            // Unix-domain sockets are ActorEcho's transport's (AKKA.md edge 8); UnixEndpointTests covers them in full.
            var port = await ServerFromString(Sys, $"unix:{path}").Listen(Factory.ForProtocol<ActorEcho.Protocols.Builtin.Echo>());
            Assert.True(File.Exists(path));
            await port.StopListening();
            Assert.False(File.Exists(path));
            return;
        }

        var listen = await Assert.ThrowsAsync<NotSupportedException>(() =>
            ServerFromString(Sys, $"unix:{path}").Listen(Factory.ForProtocol<ActorEcho.Protocols.Builtin.Echo>()));
        // Thrown by the call itself: no connector is started.
        var connect = Assert.Throws<NotSupportedException>(() =>
        {
            _ = ClientFromString(Sys, $"unix:path={path}").Connect(new ClientFactory(() => new ScriptedProtocol()));
        });

        foreach (var error in new[] { listen, connect })
        {
            Assert.Contains("Unix-domain", error.Message, StringComparison.Ordinal);
            Assert.Contains("tcp:", error.Message, StringComparison.Ordinal);
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(path));
    }
}

public sealed class ConnectFailureTestsOnActorEcho(ITestOutputHelper output) : ConnectFailureTests(output, TransportNames.ActorEcho);

public sealed class ConnectFailureTestsOnAkkaIo(ITestOutputHelper output) : ConnectFailureTests(output, TransportNames.AkkaIo);
