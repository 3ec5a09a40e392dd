using ActorEcho.Cluster;
using ActorEcho.Configuration;
using Akka.Actor;
using Akka.TestKit;
using Akka.Configuration;
using ConfigurationFactory = ActorEcho.Configuration.ConfigurationFactory;

namespace ActorEcho.Tests.Cluster;

/// <summary>One node of a test cluster: an actor system of its own, with short timings, its cluster started.</summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    public const int HeartbeatMs = 200;
    // Well above the heartbeat: on a loaded test machine a heartbeat can be a second late, and a false "down" breaks the test.
    public const int FailureTimeoutMs = 3000;

    // Terminate() must not run the coordinated shutdown: it is how a test kills a node (a crash leaves its rows
    // behind). A test that wants the graceful leave runs the coordinated shutdown itself.
    private const string AkkaSettings = """
        akka.coordinated-shutdown.run-by-actor-system-terminate = off
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        akka.loglevel = INFO
        akka.stdout-loglevel = OFF
        akka.loggers = []
        akka.log-dead-letters = off
        """;

    private ClusterNode(ActorSystem system, TestProbe events, ActorEcho.Cluster.Cluster cluster)
    {
        System = system;
        Events = events;
        Cluster = cluster;
    }

    /// <summary>Every membership event this node published, from before its cluster started.</summary>
    public TestProbe Events { get; }

    public ActorSystem System { get; }

    public ActorEcho.Cluster.Cluster Cluster { get; }

    public string Address => Cluster.Settings.Address;

    public static ClusterNode Start(string connectionString, string address, ClusterLog log, TestProbe events, ActorSystem testSystem)
    {
        var config = ConfigurationFactory.ParseString($$"""
            actor-echo.cluster {
              enabled = on
              connection-string = "{{connectionString}}"
              address = "{{address}}"
              heartbeat-interval = {{HeartbeatMs}}ms
              failure-timeout = {{FailureTimeoutMs}}ms
              command-timeout = 5s # the default: a loaded test machine can take seconds over one command
              reconnect-backoff-min = 50ms
              reconnect-backoff-max = 400ms
              listen-poll-interval = 50ms
            }
            """, "cluster test").WithFallback(ConfigurationFactory.Reference());
        var system = ActorSystem.Create(address, Akka.Configuration.ConfigurationFactory.ParseString(AkkaSettings));
        log.Attach(system, address, testSystem);
        system.EventStream.Subscribe(events.Ref, typeof(ActorEcho.Cluster.Membership.IMemberEvent));
        return new ClusterNode(system, events, ActorEcho.Cluster.Cluster.Start(system, ClusterSettings.From(config)));
    }

    /// <summary>What SIGKILL leaves behind: the actors stop with no Leave, so the rows stay and go stale.</summary>
    public Task Kill() => System.Terminate();

    public async ValueTask DisposeAsync() => await System.Terminate();
}
