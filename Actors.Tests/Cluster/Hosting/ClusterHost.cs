using System.Globalization;
using System.Text.RegularExpressions;
using ActorEcho.Tests.Hosting;

namespace ActorEcho.Tests.Cluster.Hosting;

/// <summary>
/// One cluster node as a real Host process, started the way a user starts one: a HOCON file with
/// <c>akka.actor.provider = cluster</c>, remoting on loopback (the seed on a port picked free, the others on port 0)
/// and the seed's address, plus one chat listener on port 0, read back from its "listening:" line.
/// </summary>
internal sealed partial class ClusterHost : IAsyncDisposable
{
    // Starting .NET on a loaded 2-core machine can take seconds; this bounds the wait, it does not pace anything.
    public static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);

    private ClusterHost(string name, HostProcess process, int chatPort)
    {
        Name = name;
        Process = process;
        ChatPort = chatPort;
    }

    public string Name { get; }

    public HostProcess Process { get; }

    public int ChatPort { get; }

    /// <summary>The node's unique address as it logs it (<c>akka.tcp://actor-echo@127.0.0.1:PORT#UID</c>).</summary>
    public string Address { get; private set; } = "";

    public static async Task<ClusterHost> StartAsync(string directory, string name, int remotePort, int seedPort, string chatSettings = "")
    {
        var file = Path.Combine(directory, name + ".hocon");
        await File.WriteAllTextAsync(file, $$"""
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = {{remotePort}} }
            akka.cluster.seed-nodes = ["akka.tcp://actor-echo@127.0.0.1:{{seedPort}}"]
            actor-echo {
              listeners.chat { endpoint = "tcp:0:interface=127.0.0.1", protocol = chat{{(chatSettings.Length > 0 ? ", " + chatSettings : "")}} }
              hosting.drain-timeout = 5s
            }
            """);
        var process = HostProcess.Start(["--config", file]);
        try
        {
            var host = new ClusterHost(name, process, await process.ListeningPort("chat", StartBound));
            await process.WaitForOutput(" Cluster node akka.tcp://", StartBound);
            host.Address = StartedLine().Match(process.StandardOutput).Groups[1].Value;
            return host;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public Task<ChatClient> ConnectAsync() => ChatClient.ConnectAsync(ChatPort);

    public Task WaitForOutput(string text, TimeSpan timeout) => Process.WaitForOutput(text, timeout);

    /// <summary>The members this node has logged as up, in order (a restarted node counts again, with its new uid).</summary>
    public IReadOnlyList<string> MembersUp => MemberUpLine().Matches(Process.StandardOutput).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The last cluster-wide live count of the chat listener this node logged; null before the first.</summary>
    public long? ChatCount
    {
        get
        {
            var last = CountLine().Matches(Process.StandardOutput).LastOrDefault();
            return last is null ? null : long.Parse(last.Groups[1].Value, CultureInfo.InvariantCulture);
        }
    }

    public bool Printed(string text) => Process.StandardOutput.Contains(text, StringComparison.Ordinal);

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    [GeneratedRegex(@" Cluster node (\S+) started")]
    private static partial Regex StartedLine();

    [GeneratedRegex(@" Cluster member up: (\S+)")]
    private static partial Regex MemberUpLine();

    [GeneratedRegex(@" Cluster-wide live connections of chat: (\d+)")]
    private static partial Regex CountLine();
}
