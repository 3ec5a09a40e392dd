using ActorEcho.Tests.Config;
using ActorEcho.Tests.Hosting;

namespace ActorEcho.Tests.Cluster.Hosting;

/// <summary>Cluster mistakes stop the built Host before it serves: exit 2 and one line naming file, line and key.</summary>
public sealed class ClusterMistakeProcessTests : IDisposable
{
    // Starting .NET on a loaded 2-core machine can take seconds; this bounds the wait, it does not pace anything.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("actor-echo.listeners {\n  chat { endpoint = \"tcp:0:interface=127.0.0.1\", protocol = chat, max-connections = 3, scope = cluster }\n}",
        2, "actor-echo.listeners.chat.scope: is cluster, but akka.actor.provider is not cluster")]
    [InlineData("akka.actor.provider = cluster\nakka.cluster.seed-nodes = [\"akka.tcp://ActorEcho@127.0.0.1:4053\"]",
        2, "akka.cluster.seed-nodes: \"akka.tcp://ActorEcho@127.0.0.1:4053\" names actor system \"ActorEcho\", but this node's is \"actor-echo\"")]
    public async Task A_cluster_mistake_exits_2_before_anything_binds(string text, int line, string expected)
    {
        var file = _directory.Write("cluster.hocon", text + "\n");

        await using var host = HostProcess.Start(["--config", file]);
        var exitCode = await host.WaitForExit(Bound);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"{file}:{line}: {expected}", host.StandardError);
        Assert.Single(host.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("listening:", host.StandardOutput);
    }
}
