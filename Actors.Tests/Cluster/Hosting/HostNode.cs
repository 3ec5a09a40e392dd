using ActorEcho.Tests.Hosting;

namespace ActorEcho.Tests.Cluster.Hosting;

/// <summary>
/// One cluster node as a real Host process: a config file of its own (one chat listener on a free loopback port,
/// the cluster on with short timings), started with <c>dotnet Host.dll --config FILE</c>; the port is read back from
/// the "listening:" line.
/// </summary>
internal sealed class HostNode : IAsyncDisposable
{
    public const int HeartbeatMs = 200;
    // Well above the heartbeat: on a loaded test machine a heartbeat can be a second late, and a false "down" breaks the test.
    public const int FailureTimeoutMs = 3000;

    // Starting .NET on a loaded 2-core machine can take seconds; this bounds the wait, it does not pace anything.
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);

    private HostNode(string address, HostProcess process, int chatPort)
    {
        Address = address;
        Process = process;
        ChatPort = chatPort;
    }

    public string Address { get; }

    public HostProcess Process { get; }

    public int ChatPort { get; }

    /// <summary>Starts the node and waits until its chat listener is bound; <paramref name="chatSettings"/> are extra settings of the chat listener.</summary>
    public static async Task<HostNode> StartAsync(string directory, string address, string connectionString, string chatSettings = "")
    {
        var file = Path.Combine(directory, address + ".hocon");
        await File.WriteAllTextAsync(file, $$"""
            actor-echo {
              listeners.chat { endpoint = "tcp:0:interface=127.0.0.1", protocol = chat{{(chatSettings.Length > 0 ? ", " + chatSettings : "")}} }
              hosting.drain-timeout = 5s
              cluster {
                enabled = on
                connection-string = "{{connectionString}}"
                address = "{{address}}"
                heartbeat-interval = {{HeartbeatMs}}ms
                failure-timeout = {{FailureTimeoutMs}}ms
                command-timeout = 2s
                reconnect-backoff-min = 50ms
                reconnect-backoff-max = 400ms
                listen-poll-interval = 50ms
              }
            }
            """);
        var process = HostProcess.Start(["--config", file]);
        try
        {
            return new HostNode(address, process, await process.ListeningPort("chat", StartBound));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public Task<ChatClient> ConnectAsync() => ChatClient.ConnectAsync(ChatPort);

    public Task WaitForOutput(string text, TimeSpan timeout) => Process.WaitForOutput(text, timeout);

    public bool Printed(string text) => Process.StandardOutput.Contains(text, StringComparison.Ordinal);

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
