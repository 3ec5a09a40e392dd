using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ActorEcho.Tests.Config;

namespace ActorEcho.Tests.Hosting.Admin;

/// <summary>The built Host with <c>actor-echo.admin.endpoint</c> set: what an operator's tools see over HTTP.</summary>
public sealed class AdminProcessTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_admin_endpoint_reports_health_moving_metrics_and_live_clients_and_is_not_ready_during_the_drain()
    {
        // drain-timeout outlasts the test: chargen's client never reads, so the drain waits for it until the test lets go.
        var file = _directory.Write("admin.hocon", """
            actor-echo.admin.endpoint = "tcp:0"
            actor-echo.hosting.drain-timeout = 120s
            actor-echo.listeners {
              echo { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo }
              download { endpoint = "tcp:0:interface=127.0.0.1", protocol = chargen, size = 1 GiB }
            }
            """);
        await using var host = HostProcess.Start(["--config", file]);
        var admin = await AdminHost.Address(host, Bound);
        var echo = await host.ListeningPort("echo", Bound);
        var download = await host.ListeningPort("download", Bound);

        Assert.Equal((HttpStatusCode.OK, "ok\n"), await AdminHost.Get(admin, "/healthz"));
        Assert.Equal((HttpStatusCode.OK, "ready\n"), await AdminHost.Get(admin, "/readyz"));

        using var first = await Connect(echo);
        using var second = await Connect(echo);
        await RoundTrip(first, 4);
        await RoundTrip(second, 4);

        // Each round trip has come back, so the server counted it before these requests.
        var listed = JsonDocument.Parse((await AdminHost.Get(admin, "/connections")).Body).RootElement.GetProperty("listeners")
            .EnumerateArray().Single(l => l.GetProperty("name").GetString() == "echo").GetProperty("connections").EnumerateArray().ToList();
        Assert.Equal(
            new[] { first.LocalEndPoint!.ToString(), second.LocalEndPoint!.ToString() }.Order(),
            listed.Select(c => c.GetProperty("peer").GetString()).Order());
        Assert.All(listed, c =>
        {
            Assert.Equal(4, c.GetProperty("bytesIn").GetInt64());
            Assert.Equal(4, c.GetProperty("bytesOut").GetInt64());
            Assert.Equal("Echo", c.GetProperty("protocol").GetString());
            Assert.True(c.GetProperty("ageSeconds").GetDouble() >= 0);
        });

        var before = (await AdminHost.Get(admin, "/metrics")).Body;
        Assert.Equal(2, AdminHost.Sample(before, "actorecho_connections_accepted_total{listener=\"echo\"}"));
        Assert.Equal(2, AdminHost.Sample(before, "actorecho_connections_active{listener=\"echo\"}"));
        Assert.Equal(8, AdminHost.Sample(before, "actorecho_bytes_received_total{listener=\"echo\"}"));

        for (var i = 0; i < 100; i++) await RoundTrip(first, 1000);
        var after = (await AdminHost.Get(admin, "/metrics")).Body;
        Assert.Equal(100_008, AdminHost.Sample(after, "actorecho_bytes_received_total{listener=\"echo\"}"));
        Assert.Equal(100_008, AdminHost.Sample(after, "actorecho_bytes_sent_total{listener=\"echo\"}"));

        // A client that takes one byte of a 1 GiB download and no more holds the drain open.
        using var stuck = await Connect(download);
        Assert.Equal(1, await stuck.ReceiveAsync(new byte[1]));

        await host.Terminate(Bound);
        await host.WaitForOutput("admin: draining", Bound);
        var (status, body) = await AdminHost.Get(admin, "/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("draining", body);
        Assert.Equal(HttpStatusCode.OK, (await AdminHost.Get(admin, "/healthz")).Status);

        stuck.Close(0); // a reset: the download's producer stops, the drain completes
        Assert.Equal(0, await host.WaitForExit(Bound));
    }

    [Fact]
    public async Task Readyz_is_not_ready_until_every_listener_is_bound()
    {
        var file = _directory.Write("gate.hocon", """
            actor-echo.admin.endpoint = "tcp:0"
            actor-echo.listeners {
              gated { endpoint = "tcp:0:interface=127.0.0.1", protocol = test-start-gate }
              echo { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo }
            }
            """);
        await using var host = HostProcess.Start(["--config", file], environment: new Dictionary<string, string> { ["ACTOR_ECHO_HOST_TEST_PROTOCOLS"] = "1" });
        var admin = await AdminHost.Address(host, Bound);

        // The gated listener's factory waits for a line on stdin, and the listeners bind one after another.
        var (status, body) = await AdminHost.Get(admin, "/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("not ready: listeners not bound: gated, echo\n", body);
        Assert.Equal(HttpStatusCode.OK, (await AdminHost.Get(admin, "/healthz")).Status);

        await host.WriteLine("go");
        await host.ListeningPort("echo", Bound);
        Assert.Equal((HttpStatusCode.OK, "ready\n"), await AdminHost.Get(admin, "/readyz"));

        await host.Terminate(Bound);
        Assert.Equal(0, await host.WaitForExit(Bound));
    }

    [Fact]
    public async Task A_rejected_frame_is_counted_and_logged_as_json_with_its_event_id_and_actor_path()
    {
        var file = _directory.Write("json.hocon", """
            actor-echo.admin.endpoint = "tcp:0"
            actor-echo.logging.format = json
            actor-echo.listeners {
              lines { endpoint = "tcp:0:interface=127.0.0.1", protocol = line-echo, max-line-length = 8 }
            }
            """);
        await using var host = HostProcess.Start(["--config", file]);
        var admin = await AdminHost.Address(host, Bound);
        var port = await host.ListeningPort("lines", Bound);

        using (var client = await Connect(port))
        {
            await client.SendAsync("far too long a line\n"u8.ToArray());
            Assert.Equal(0, await client.ReceiveAsync(new byte[16].AsMemory()).AsTask().WaitAsync(Bound)); // the server closes
        }

        await host.WaitForOutput("\"EventId\":2001", Bound);
        var entry = JsonDocument.Parse(host.StandardOutput.Split('\n').First(l => l.Contains("\"EventId\":2001", StringComparison.Ordinal))).RootElement;
        Assert.Equal("Warning", entry.GetProperty("LogLevel").GetString());
        Assert.StartsWith("Closing the connection to 127.0.0.1:", entry.GetProperty("Message").GetString());
        var scope = entry.GetProperty("Scopes").EnumerateArray().Single();
        Assert.Matches("^akka://actor-echo/user/lines/[^ ]+$", scope.GetProperty("ActorPath").GetString());
        Assert.Equal("ActorEcho.Connection", entry.GetProperty("Category").GetString());

        var metrics = (await AdminHost.Get(admin, "/metrics")).Body;
        Assert.Equal(1, AdminHost.Sample(metrics, "actorecho_frames_malformed_total{listener=\"lines\"}"));
        await host.Terminate(Bound);
        Assert.Equal(0, await host.WaitForExit(Bound));
    }

    private static async Task<Socket> Connect(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    private static async Task RoundTrip(Socket socket, int size)
    {
        var data = new byte[size];
        Random.Shared.NextBytes(data);
        await socket.SendAsync(data);
        var back = new byte[size];
        for (var read = 0; read < size;)
        {
            var n = await socket.ReceiveAsync(back.AsMemory(read)).AsTask().WaitAsync(Bound);
            Assert.NotEqual(0, n);
            read += n;
        }

        Assert.Equal(data, back);
    }
}
