using ActorEcho.Tests.Config;

namespace ActorEcho.Tests.Hosting;

/// <summary>
/// One built Host running the four listeners of the repository's akka.hocon, each on a port the Host chose
/// (port 0), for the tests that talk to them; stopped with SIGTERM after the last test.
/// </summary>
public sealed class ServiceProcessFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(30);

    public const string Quote = "An apple a day keeps the doctor away";

    public const string Listeners = """
        actor-echo.listeners {
          echo    { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo }
          qotd    { endpoint = "tcp:0:interface=127.0.0.1", protocol = qotd, quote = "An apple a day keeps the doctor away" }
          chat    { endpoint = "tcp:0:interface=127.0.0.1", protocol = chat, max-connections = 100 }
          lines   { endpoint = "tcp:0:interface=127.0.0.1", protocol = line-echo, max-line-length = 16384, idle-timeout = 5m }
        }
        """;

    private readonly TempDirectory _directory = new();

    internal HostProcess Host { get; private set; } = null!;

    public Dictionary<string, int> Ports { get; } = [];

    public async Task InitializeAsync()
    {
        Host = HostProcess.Start(["--config", _directory.Write("service.hocon", Listeners)]);
        foreach (var name in new[] { "echo", "qotd", "chat", "lines" }) Ports[name] = await Host.ListeningPort(name, StartBound);
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Host.Terminate(ExitBound);
            await Host.WaitForExit(ExitBound);
        }
        finally
        {
            await Host.DisposeAsync();
            _directory.Dispose();
        }
    }
}
