using ActorEcho.Cluster.Hosting;
using ActorEcho.Configuration;
using ActorEcho.Hosting;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using GenericHost = Microsoft.Extensions.Hosting.Host;

namespace ActorEcho.Tests.Cluster.Hosting;

/// <summary><c>WithPostgresCluster</c> in a generic host, with no database behind it: what it starts and how it shuts down.</summary>
public sealed class ClusterHostingTests
{
    // Nothing listens on port 1 of the loopback: every command fails at once with "connection refused".
    private const string NoDatabase = "Host=127.0.0.1;Port=1;Username=postgres;Database=postgres";

    [Fact]
    public async Task The_cluster_starts_with_the_system_and_its_leave_phases_get_room_for_two_commands()
    {
        var (host, system) = await StartAsync($$"""
            actor-echo.cluster { enabled = on, connection-string = "{{NoDatabase}}", address = node-x, command-timeout = 3s }
            """);
        using (host)
        {
            var cluster = ActorEcho.Cluster.Cluster.Get(system);
            Assert.Equal("node-x", cluster.SelfMember.Address);
            var shutdown = CoordinatedShutdown.Get(system);
            Assert.Equal(TimeSpan.FromSeconds(7), shutdown.Timeout(CoordinatedShutdown.PhaseBeforeServiceUnbind));
            Assert.Equal(TimeSpan.FromSeconds(7), shutdown.Timeout(CoordinatedShutdown.PhaseClusterLeave));

            // The database is unreachable, so the leave cannot delete the rows: it says so, and the stop still completes.
            var left = await cluster.LeaveAsync();
            Assert.False(left.RowsDeleted);
            await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(system.WhenTerminated.IsCompleted);
        }
    }

    [Fact]
    public async Task Leave_phases_set_in_the_file_are_kept()
    {
        var (host, system) = await StartAsync($$"""
            actor-echo.cluster { enabled = on, connection-string = "{{NoDatabase}}" }
            akka.coordinated-shutdown.phases.cluster-leave.timeout = 42s
            """);
        using (host)
        {
            Assert.Equal(TimeSpan.FromSeconds(42), CoordinatedShutdown.Get(system).Timeout(CoordinatedShutdown.PhaseClusterLeave));
            await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task With_the_cluster_off_nothing_starts()
    {
        var (host, system) = await StartAsync("actor-echo.hosting.drain-timeout = 1s");
        using (host)
        {
            Assert.Throws<InvalidOperationException>(() => ActorEcho.Cluster.Cluster.Get(system));
            await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private static async Task<(IHost Host, ActorSystem System)> StartAsync(string hocon)
    {
        var config = ConfigurationFactory.ParseString(hocon, "test.hocon");
        var builder = GenericHost.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Services.AddAkka("cluster-hosting-test", (akka, _) => akka
            .WithActorEchoConfig(ConfigurationFactory.ParseString("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off", "test").WithFallback(config))
            .WithPostgresCluster()
            .WithProtocolListeners());
        var host = builder.Build();
        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (host, host.Services.GetRequiredService<ActorSystem>());
    }
}
