using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorEcho.Protocols;
using ActorEcho.Tests.Protocols.Model;
using Akka.IO;
using Xunit.Abstractions;
using static ActorEcho.Protocols.Endpoints.Endpoints;

namespace ActorEcho.Tests.Protocols.AkkaIo;

/// <summary>
/// Connects that fail, and endpoints Akka.IO cannot serve. Akka.IO 1.5.75 drops the socket error of a failed connect:
/// a refused and an unreachable peer read alike, so ActorEcho's ConnectError says "refused" with that caveat.
/// </summary>
public sealed class ConnectFailureTests(ITestOutputHelper output) : AkkaSpec(output, config: "actor-echo.io.tcp.connect-timeout = 2s\nactor-echo.io.transport = akka-io")
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    [Fact]
    public void Akka_IO_reports_a_refused_connect_without_its_socket_error()
    {
        // Pins down what ClientFactoryActor has to classify; when Akka.IO starts passing the SocketException on, this
        // fails, and the classification can say "refused" without the caveat.
        Sys.Tcp().Tell(new Tcp.Connect(new IPEndPoint(IPAddress.Loopback, Net.FreePort())), TestActor);

        var failed = ExpectMsg<Tcp.CommandFailed>(Net.Timeout);
        Assert.True(failed.Cause.HasValue);
        var cause = Assert.IsType<ConnectException>(failed.Cause.Value);
        Assert.Contains("finishConnect never returned true", cause.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connect_to_a_port_nobody_listens_on_fails_with_ConnectError_within_the_connect_timeout()
    {
        var clock = Stopwatch.StartNew();
        var connect = ClientFromString(Sys, $"tcp:127.0.0.1:{Net.FreePort()}:timeout=2").Connect(new ClientFactory(() => new ScriptedProtocol()));

        var error = await Assert.ThrowsAsync<ConnectError>(() => connect.WaitAsync(Net.Timeout));

        Assert.True(clock.Elapsed < ConnectTimeout, $"took {clock.Elapsed}, not less than the connect timeout");
        Assert.StartsWith("Connection was refused by other side", error.Message, StringComparison.Ordinal);
        Assert.IsType<ConnectException>(error.InnerException);
    }

    [Fact]
    public async Task A_connect_the_peer_never_answers_fails_with_a_timeout_ConnectError_at_the_configured_connect_timeout()
    {
        // A listener that never accepts, its accept queue filled: Linux then drops further SYNs, and a connect hangs.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var queued = await FillAcceptQueue(endpoint);
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

    /// <summary>Connects until a connect is left waiting: a loopback connect the kernel answers completes at once.</summary>
    private static async Task<List<Socket>> FillAcceptQueue(IPEndPoint endpoint)
    {
        var sockets = new List<Socket>();
        for (var i = 0; i < 64; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            sockets.Add(socket);
            using var stuck = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            try
            {
                await socket.ConnectAsync(endpoint, stuck.Token);
            }
            catch (OperationCanceledException)
            {
                return sockets;
            }
        }

        throw new InvalidOperationException("The accept queue never filled: every connect was answered.");
    }

    [Fact]
    public async Task A_unix_endpoint_fails_clearly_to_listen_and_to_connect()
    {
        var path = Path.Combine(Path.GetTempPath(), $"actor-echo-{Guid.NewGuid():N}.sock");

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
