using ActorEcho.Configuration;
using ActorEcho.Kernel;

namespace ActorEcho.Tests.Cluster;

/// <summary>One node of a test cluster: an actor system of its own, with short timings, its cluster started.</summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    public const int HeartbeatMs = 200;
    // Well above the heartbeat: on a loaded test machine a heartbeat can be a second late, and a false "down" breaks the test.
    public const int FailureTimeoutMs = 3000;

    private ClusterNode(ActorSystem system, TestKit.TestProbe events)
    {
        System = system;
        Events = events;
        Cluster = ActorEcho.Cluster.Cluster.Get(system);
    }

    /// <summary>Every membership event this node published, from before its cluster started.</summary>
    public TestKit.TestProbe Events { get; }

    public ActorSystem System { get; }

    public ActorEcho.Cluster.Cluster Cluster { get; }

    public string Address => Cluster.Settings.Address;

    public static ClusterNode Start(string connectionString, string address, ClusterLog log, TestKit.TestProbe events)
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
            """, "cluster test");
        var system = ActorSystem.Create(address, config, new ActorSystemSetup { LoggerFactory = log.For(address) });
        system.EventStream.Subscribe(events.Ref, typeof(ActorEcho.Cluster.Membership.IMemberEvent));
        return new ClusterNode(system, events);
    }

    /// <summary>What SIGKILL leaves behind: the actors stop with no Leave, so the rows stay and go stale.</summary>
    public Task Kill() => System.Terminate();

    public async ValueTask DisposeAsync() => await System.Terminate();
}
