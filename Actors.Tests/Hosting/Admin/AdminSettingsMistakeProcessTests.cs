using ActorEcho.Tests.Config;

namespace ActorEcho.Tests.Hosting.Admin;

/// <summary>
/// A mistake in <c>actor-echo.admin</c>, <c>telemetry</c> or <c>logging</c> stops the built Host before anything starts:
/// exit 2, one line on stderr starting <c>file:line: key:</c>.
/// </summary>
public sealed class AdminSettingsMistakeProcessTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("actor-echo.admin.endpoint = \"unix:/tmp/admin.sock\"", "actor-echo.admin.endpoint: must be a tcp: endpoint")]
    [InlineData("actor-echo.admin.endpoint = \"tcp:7411\"", "actor-echo.admin.endpoint: port 7411 is the port of listener good")]
    [InlineData("actor-echo.admin.endpoint = \"tcp:port=x\"", "actor-echo.admin.endpoint: ")]
    [InlineData("actor-echo.admin.endpont = \"tcp:9100\"", "actor-echo.admin.endpont: unknown setting; known here: endpoint, query-timeout")]
    [InlineData("actor-echo.admin.query-timeout = soon", "actor-echo.admin.query-timeout: expected a duration")]
    [InlineData("actor-echo.telemetry.otlp-endpoint = \"collector:4318\"", "actor-echo.telemetry.otlp-endpoint: must be an http:// or https:// URL")]
    [InlineData("actor-echo.telemetry.otlp-protocol = udp", "actor-echo.telemetry.otlp-protocol: must be http/protobuf or grpc")]
    [InlineData("actor-echo.telemetry.export-interval = 0s", "actor-echo.telemetry.export-interval: must be at least 1ms")]
    [InlineData("actor-echo.logging.format = xml", "actor-echo.logging.format: must be simple or json")]
    [InlineData("actor-echo.logging.include-scopes = maybe", "actor-echo.logging.include-scopes: expected a boolean")]
    public async Task A_mistake_in_the_operations_settings_exits_2_naming_file_line_and_key(string mistake, string expected)
    {
        var file = _directory.Write("mistake.hocon",
            $"actor-echo.listeners {{\n  good {{ endpoint = \"tcp:7411:interface=127.0.0.1\", protocol = echo }}\n}}\n{mistake}\n");

        await using var host = HostProcess.Start(["--config", file]);

        Assert.Equal(2, await host.WaitForExit(Bound));
        Assert.StartsWith($"{file}:4: {expected}", host.StandardError);
        Assert.Single(host.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
