using System.Net;
using System.Net.Sockets;
using ActorEcho.Configuration;
using ActorEcho.Hosting;
using ActorEcho.Hosting.Protocols;
using ActorEcho.Tests.Protocols.Model;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ActorEcho.Tests.Hosting;

/// <summary>The hosted listeners' part in Akka's coordinated shutdown, and start failures, in a generic host of the test process.</summary>
public sealed class HostedServiceTests
{
    private const string DrainPhaseTimeout = "akka.coordinated-shutdown.phases.service-requests-done.timeout";

    [Fact]
    public async Task Stopping_the_host_closes_open_connections_cleanly_and_refuses_new_ones()
    {
        using var host = TestHosts.Build(akka => akka
            .WithActorEchoConfig(TestHosts.Hocon("""actor-echo.listeners.echo { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo }"""))
            .WithProtocolListeners());
        await host.StartAsync().WaitAsync(TestHosts.Bound);
        var system = host.Services.GetRequiredService<ActorSystem>();
        var address = system.ListeningPort("echo").LocalAddress;
        using var client = Net.Connect(address);
        client.Send("before"u8);
        Assert.Equal("before"u8.ToArray(), Net.ReadExactly(client, 6));

        await host.StopBounded();

        // The drain's LoseConnection: a FIN after everything written, not a reset.
        Assert.Empty(Net.ReadToEnd(client));
        Assert.IsType<CoordinatedShutdown.ClrExitReason>(CoordinatedShutdown.Get(system).ShutdownReason);
        Assert.True(system.WhenTerminated.IsCompleted);
        var refused = Assert.Throws<SocketException>(() => Net.Connect(address).Dispose());
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task A_connection_that_cannot_drain_is_reset_once_the_drain_timeout_has_passed_and_the_stop_ends()
    {
        const int Size = 64 * 1024 * 1024;
        using var host = TestHosts.Build(akka => akka
            .WithActorEchoConfig(TestHosts.Hocon("""
                actor-echo.hosting.drain-timeout = 300ms
                actor-echo.listeners.download { endpoint = "tcp:0:interface=127.0.0.1", protocol = chargen, size = 64 MiB }
                """))
            .WithProtocolListeners());
        await host.StartAsync().WaitAsync(TestHosts.Bound);
        // A client that reads almost nothing: the download cannot finish, so neither can the drain's LoseConnection.
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        client.ReceiveTimeout = (int)TestHosts.Bound.TotalMilliseconds;
        client.Connect(host.Services.GetRequiredService<ActorSystem>().ListeningPort("download").LocalAddress);
        Assert.True(client.Receive(new byte[1]) == 1, "the download has started");

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await host.StopBounded();
        stopwatch.Stop();

        // The drain phase itself would allow drain-timeout + 5 s: ending well before shows the drain gave up on its own.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(4), $"the stop took {stopwatch.Elapsed}");
        long received = 1;
        var reset = Assert.Throws<SocketException>(() =>
        {
            var buffer = new byte[64 * 1024];
            int n;
            while ((n = client.Receive(buffer)) > 0) received += n;
        });
        Assert.Equal(SocketError.ConnectionReset, reset.SocketErrorCode);
        Assert.True(received < Size, $"received {received} of {Size} bytes");
    }

    [Fact]
    public async Task The_drain_phase_gets_room_for_the_drain_timeout_unless_the_configuration_sets_it()
    {
        using var roomy = TestHosts.Build(akka => akka.WithActorEchoConfig(TestHosts.Hocon("actor-echo.hosting.drain-timeout = 20s")));
        using var set = TestHosts.Build(akka => akka.WithActorEchoConfig(TestHosts.Hocon($"actor-echo.hosting.drain-timeout = 20s\n{DrainPhaseTimeout} = 3s")));
        try
        {
            await Task.WhenAll(roomy.StartAsync(), set.StartAsync()).WaitAsync(TestHosts.Bound);

            // The drain waits up to drain-timeout inside the phase; the unbind after it needs a few seconds more.
            Assert.Equal(TimeSpan.FromSeconds(25), roomy.Services.GetRequiredService<ActorSystem>().Settings.Config.GetTimeSpan(DrainPhaseTimeout));
            Assert.Equal(TimeSpan.FromSeconds(3), set.Services.GetRequiredService<ActorSystem>().Settings.Config.GetTimeSpan(DrainPhaseTimeout));
        }
        finally
        {
            await roomy.StopBounded();
            await set.StopBounded();
        }
    }

    [Fact]
    public async Task Akka_reads_the_actor_echo_reader_s_tree_with_reference_conf_beneath_and_environment_substitutions_resolved()
    {
        var variable = "ACTOR_ECHO_HOSTING_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "42s");
        try
        {
            using var host = TestHosts.Build(akka => akka.WithActorEchoConfig(TestHosts.Hocon($$"""
                actor-echo.hosting.drain-timeout = ${?{{variable}}}
                akka.actor.ask-timeout = 7s
                """)));
            try
            {
                await host.StartAsync().WaitAsync(TestHosts.Bound);
                var config = host.Services.GetRequiredService<ActorSystem>().Settings.Config;

                Assert.Equal(TimeSpan.FromSeconds(42), config.GetTimeSpan("actor-echo.hosting.drain-timeout"));
                Assert.Equal(TimeSpan.FromSeconds(7), config.GetTimeSpan("akka.actor.ask-timeout"));
                Assert.Equal(1024, config.GetInt("actor-echo.io.tcp.backlog")); // from reference.conf
            }
            finally
            {
                await host.StopBounded();
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task A_port_in_use_fails_the_start_naming_the_listener_and_unbinds_the_listeners_already_bound()
    {
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        holder.Listen();
        var taken = ((IPEndPoint)holder.LocalEndPoint!).Port;
        AkkaConfigurationBuilder? akka = null;
        using var host = TestHosts.Build(builder => akka = builder
            .WithActorEchoConfig(TestHosts.Hocon($$"""
                actor-echo.listeners {
                  free  { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo }
                  taken { endpoint = "tcp:{{taken}}:interface=127.0.0.1", protocol = echo }
                }
                """, "in-use.hocon"))
            .WithProtocolListeners());

        var error = await host.StartFailing<ListenerStartException>();

        Assert.StartsWith($"listener taken (tcp:{taken}:interface=127.0.0.1, in-use.hocon:3)", error.Message);
        Assert.Same(error, akka!.ListenerStartFailure());
        var system = host.Services.GetRequiredService<ActorSystem>();
        var free = system.ListeningPort("free").LocalAddress;
        // Akka.Hosting ran the coordinated shutdown after the failed start: the listener that did bind is unbound.
        await system.WhenTerminated.WaitAsync(TestHosts.Bound);
        var refused = Assert.Throws<SocketException>(() => Net.Connect(free).Dispose());
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task A_bad_hosting_setting_fails_the_start_naming_file_line_and_key()
    {
        using var host = TestHosts.Build(akka => akka.WithActorEchoConfig(TestHosts.Hocon("actor-echo.hosting.system-terminated-exit-code = 0", "app.hocon")));

        var error = await host.StartFailing<ConfigException>();

        Assert.StartsWith("app.hocon:1: actor-echo.hosting.system-terminated-exit-code: must be between 1 and 255", error.Message);
    }
}
