using ActorEcho.Cluster.Hosting;
using ActorEcho.Configuration;
using ActorEcho.Hosting.Listeners;
using ActorEcho.Hosting.Protocols;
using Akka.Actor;
using ActorEcho.Protocols.Builtin;

namespace ActorEcho.Tests.Cluster.Hosting;

/// <summary>The listener setting <c>scope</c>: checked with the other settings, and refused where no cluster can count it.</summary>
public sealed class ScopeTests
{
    private static IReadOnlyList<ListenerPlan> Plan(string listeners)
    {
        var config = ConfigurationFactory.ParseString(listeners, "app.hocon").WithFallback(ConfigurationFactory.Reference());
        return ListenerPlan.Check(config, ListenerDefinitions.Read(config), new ProtocolCatalog([]));
    }

    [Fact]
    public void Scope_defaults_to_local_and_accepts_cluster()
    {
        var plans = Plan("""
            actor-echo.listeners {
              a { endpoint = "tcp:0", protocol = chat }
              b { endpoint = "tcp:0", protocol = chat, max-connections = 10, scope = cluster }
            }
            """);

        Assert.Equal([LimitScope.Local, LimitScope.Cluster], plans.Select(p => p.Scope));
    }

    [Fact]
    public void An_unknown_scope_is_refused_naming_file_line_and_key()
    {
        var error = Assert.Throws<ConfigException>(() => Plan("actor-echo.listeners {\n  a { endpoint = \"tcp:0\", protocol = chat, scope = galaxy }\n}"));

        Assert.StartsWith("app.hocon:2: actor-echo.listeners.a.scope:", error.Message);
        Assert.Contains("must be local or cluster", error.Message);
    }

    [Fact]
    public void Listeners_sharing_a_factory_must_agree_on_its_scope()
    {
        var error = Assert.Throws<ConfigException>(() => Plan("""
            actor-echo.listeners {
              a { endpoint = "tcp:0", protocol = chat, factory = room }
              b { endpoint = "tcp:0", protocol = chat, factory = room, scope = cluster }
            }
            """));

        Assert.Contains("actor-echo.listeners.b.scope", error.Message);
    }

    [Fact]
    public async Task Scope_cluster_without_a_cluster_is_a_configuration_mistake()
    {
        var config = ConfigurationFactory.ParseString(
            "actor-echo.listeners.a { endpoint = \"tcp:0\", protocol = chat, max-connections = 3, scope = cluster }", "app.hocon")
            .WithFallback(ConfigurationFactory.Reference());
        var system = ActorSystem.Create("scope-test");
        try
        {
            var definitions = ListenerDefinitions.Read(config);
            var listener = new ListenerFactory("a", new ChatFactory(), LimitScope.Cluster, definitions);

            var error = Assert.Throws<ConfigException>(() => new ClusterListenerHook(() => config).Configure(system, listener));

            Assert.StartsWith("app.hocon:1: actor-echo.listeners.a.scope:", error.Message);
            Assert.Contains("actor-echo.cluster.enabled is off", error.Message);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
