using ActorEcho.Cluster.Hosting;
using ActorEcho.Configuration;
using ActorEcho.Hosting.Listeners;
using ActorEcho.Hosting.Protocols;
using ActorEcho.Protocols.Builtin;
using Akka.Actor;

namespace ActorEcho.Tests.Cluster;

/// <summary>The cluster's settings and the listeners' fit with it, checked before anything starts.</summary>
public sealed class ClusterSettingsTests
{
    private const string Member = """
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 4053 }
        """;

    private static ActorEcho.Cluster.ClusterSettings Check(string text) =>
        ClusterSettingsCheck.Check(ConfigurationFactory.ParseString(text, "app.hocon").WithFallback(ConfigurationFactory.Reference()),
            new ProtocolCatalog([]), "actor-echo");

    [Theory]
    [InlineData("cluster")]
    [InlineData("cluster-exact")]
    public void A_cluster_scope_on_a_node_that_is_no_cluster_member_is_refused_naming_file_line_and_key(string scope)
    {
        var error = Assert.Throws<ConfigException>(() => Check($"actor-echo.listeners {{\n  a {{ endpoint = \"tcp:0\", protocol = chat, max-connections = 3, scope = {scope} }}\n}}"));

        Assert.StartsWith("app.hocon:2: actor-echo.listeners.a.scope:", error.Message);
        Assert.Contains($"is {scope}, but akka.actor.provider is not cluster", error.Message);
    }

    [Fact]
    public void An_unknown_scope_is_refused_naming_the_three_known()
    {
        var error = Assert.Throws<ConfigException>(() => Check("actor-echo.listeners {\n  a { endpoint = \"tcp:0\", protocol = chat, scope = galaxy }\n}"));

        Assert.StartsWith("app.hocon:2: actor-echo.listeners.a.scope: must be local, cluster or cluster-exact", error.Message);
    }

    [Fact]
    public void Every_scope_is_read_as_written()
    {
        var config = Merged("""
            actor-echo.listeners {
              a { endpoint = "tcp:0", protocol = chat }
              b { endpoint = "tcp:0", protocol = chat, max-connections = 10, scope = cluster }
              c { endpoint = "tcp:0", protocol = chat, max-connections = 10, scope = cluster-exact }
            }
            """);

        var plans = ListenerPlan.Check(config, ListenerDefinitions.Read(config), new ProtocolCatalog([]));

        Assert.Equal([LimitScope.Local, LimitScope.Cluster, LimitScope.ClusterExact], plans.Select(p => p.Scope));
    }

    [Theory]
    [InlineData("akka.cluster.seed-nodes = [\"not an address\"]", "is not an Akka address")]
    [InlineData("akka.cluster.seed-nodes = [\"akka.tcp://other-system@127.0.0.1:4053\"]", "names actor system \"other-system\", but this node's is \"actor-echo\"")]
    [InlineData("actor-echo.cluster.broadcast.chunk-size = 200 KiB", "actor-echo.cluster.broadcast.chunk-size: must be at most akka.remote.dot-netty.tcp.maximum-frame-size")]
    [InlineData("actor-echo.cluster.exact.block-size = 0", "actor-echo.cluster.exact.block-size: must be at least 1")]
    public void A_cluster_member_with_a_bad_setting_is_refused_naming_file_line_and_key(string setting, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => Check(Member + "\n" + setting));

        Assert.StartsWith("app.hocon:3: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_cluster_member_with_good_seeds_and_defaults_passes()
    {
        var settings = Check(Member + "\nakka.cluster.seed-nodes = [\"akka.tcp://actor-echo@127.0.0.1:4053\"]");

        Assert.True(settings.Enabled);
        Assert.False(Check("").Enabled);
    }

    [Fact]
    public async Task The_hook_refuses_a_cluster_scope_when_the_node_is_no_cluster_member()
    {
        var config = Merged("actor-echo.listeners.a { endpoint = \"tcp:0\", protocol = chat, max-connections = 3, scope = cluster }");
        var system = ActorSystem.Create("scope-test");
        try
        {
            var listener = new ListenerFactory("a", new ChatFactory(), LimitScope.Cluster, ListenerDefinitions.Read(config));

            var error = Assert.Throws<ConfigException>(() => new ClusterListenerHook(() => config).Configure(system, listener));

            Assert.StartsWith("app.hocon:1: actor-echo.listeners.a.scope:", error.Message);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static ActorEcho.Configuration.Config Merged(string text) =>
        ConfigurationFactory.ParseString(text, "app.hocon").WithFallback(ConfigurationFactory.Reference());
}
