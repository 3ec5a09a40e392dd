using System.Diagnostics;
using ActorEcho.Cluster;
using ActorEcho.Configuration;
using Akka.Actor;
using Akka.Cluster;

namespace ActorEcho.Tests.Cluster;

/// <summary>
/// Several actor systems in this process forming one real Akka.Cluster over loopback remoting, each on a port of its
/// own choosing (port 0), all joining the first. They run on reference.conf's tuned cluster defaults with shorter
/// gossip intervals, so a test waits for replication in fractions of a second. Terminated when disposed.
/// </summary>
internal sealed class ClusterSystems : IAsyncDisposable
{
    /// <summary>Bounds every wait here; it paces nothing (each wait polls a condition that is re-read).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private const string TestSettings = """
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        akka.cluster.distributed-data { gossip-interval = 100ms, notify-subscribers-interval = 50ms }
        akka.cluster.pub-sub.gossip-interval = 100ms
        akka.loglevel = INFO
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters = off
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        # Disposing stops every system at once: a graceful leave would wait for peers that are stopping too.
        akka.coordinated-shutdown.run-by-actor-system-terminate = off
        actor-echo.cluster.count-write-interval = 10ms
        actor-echo.cluster.exact { report-interval = 200ms, request-timeout = 500ms }
        """;

    private ClusterSystems(ActorEcho.Configuration.Config config, IReadOnlyList<ActorSystem> systems)
    {
        Config = config;
        Systems = systems;
    }

    /// <summary>The ActorEcho configuration every system was started with (reference.conf beneath it).</summary>
    public ActorEcho.Configuration.Config Config { get; }

    public IReadOnlyList<ActorSystem> Systems { get; }

    public ActorSystem this[int index] => Systems[index];

    /// <summary>Starts <paramref name="count"/> systems with <paramref name="extra"/> settings over the test ones and waits until every one sees all of them up.</summary>
    public static async Task<ClusterSystems> StartAsync(int count, string extra = "")
    {
        var config = ConfigurationFactory.ParseString(extra + "\n" + TestSettings, "cluster-test").WithFallback(ConfigurationFactory.Reference());
        var akkaConfig = config.ToAkkaConfig();
        var systems = Enumerable.Range(0, count).Select(i => ActorSystem.Create("cluster-test", akkaConfig)).ToList();
        var cluster = new ClusterSystems(config, systems);
        try
        {
            var seed = Akka.Cluster.Cluster.Get(systems[0]).SelfAddress;
            foreach (var system in systems) Akka.Cluster.Cluster.Get(system).Join(seed);
            await Until(() => systems.All(s => Akka.Cluster.Cluster.Get(s).State.Members.Count(m => m.Status == MemberStatus.Up) == count), "every member up everywhere");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public ClusterNode Node(int index) => ClusterNode.Start(Systems[index], ActorEcho.Cluster.ClusterSettings.From(Config));

    public UniqueAddress Address(int index) => Akka.Cluster.Cluster.Get(Systems[index]).SelfUniqueAddress;

    /// <summary>Polls <paramref name="condition"/> until it holds; returns how long that took. Fails after <see cref="Patience"/>.</summary>
    public static async Task<TimeSpan> Until(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Patience) Assert.Fail($"Not within {Patience}: {what}");
            // A polling interval, not a synchronisation: the condition is re-read, never assumed.
            await Task.Delay(10);
        }

        return clock.Elapsed;
    }

    public async ValueTask DisposeAsync() => await Task.WhenAll(Systems.Select(s => s.Terminate())).WaitAsync(Patience);
}
