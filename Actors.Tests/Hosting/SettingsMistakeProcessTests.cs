using ActorEcho.Tests.Config;

namespace ActorEcho.Tests.Hosting;

/// <summary>
/// A mistake anywhere under <c>actor-echo</c> stops the built Host before the generic host exists: exit 2, one line on
/// stderr starting <c>file:line: key:</c>, nothing on stdout (nothing configured, nothing bound).
/// </summary>
public sealed class SettingsMistakeProcessTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    // The mistake is on line 4, under a good listener, so the message must point at the mistake, not at the file's start.
    [Theory]
    [InlineData("actor-echo.hosting.drain-timeout = \"soon\"",
        "actor-echo.hosting.drain-timeout: expected a duration")]
    [InlineData("actor-echo.io.tcp.backlog = \"many\"",
        "actor-echo.io.tcp.backlog: expected an integer")]
    [InlineData("actor-echo.hosting.drain-timout = 5s",
        "actor-echo.hosting.drain-timout: unknown setting; known here: drain-timeout, metrics-log-interval, system-terminated-exit-code")]
    [InlineData("actor-echo.io.tcp.socket.tcp-nodelay = on",
        "actor-echo.io.tcp.socket.tcp-nodelay: unknown setting; known here: keep-alive, receive-buffer-size, send-buffer-size, tcp-no-delay")]
    [InlineData("actor-echo.listener-defaults.max-conections = 5",
        "actor-echo.listener-defaults.max-conections: unknown setting")]
    [InlineData("actor-echo.protocol-defaults.qotd.qoute = hi",
        "actor-echo.protocol-defaults.qotd.qoute: unknown setting for protocol qotd")]
    [InlineData("actor-echo.protocol-defaults.gopher.port = 70",
        "actor-echo.protocol-defaults.gopher: unknown protocol")]
    [InlineData("actor-echo.hots.shutdown-timeout = 5s",
        "actor-echo.hots: unknown setting")]
    [InlineData("actor-echo.host.shutdown-timeout = 5 minutes and a bit",
        "actor-echo.host.shutdown-timeout: expected a duration")]
    public async Task A_settings_mistake_exits_2_naming_file_line_and_key_before_anything_starts(string mistake, string expected)
    {
        var file = _directory.Write("mistake.hocon",
            $"actor-echo.listeners {{\n  good {{ endpoint = \"tcp:0:interface=127.0.0.1\", protocol = echo }}\n}}\n{mistake}\n");

        await using var host = HostProcess.Start(["--config", file]);
        var exitCode = await host.WaitForExit(Bound);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"{file}:4: {expected}", host.StandardError);
        Assert.Single(host.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", host.StandardOutput);
    }
}
