using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorEcho.Tests.Config;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ActorEcho.Tests.Hosting.Admin;

/// <summary>
/// With <c>actor-echo.telemetry.otlp-endpoint</c> set, the built Host pushes the ActorEcho meter over OTLP/HTTP: a
/// collector stub in the test (Kestrel on port 0) receives the protobuf export and finds the instruments in it.
/// </summary>
public sealed class OtlpExportProcessTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _directory = new();
    private readonly TaskCompletionSource<(string Path, string? ContentType, byte[] Body)> _export = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication _collector = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _collector = builder.Build();
        _collector.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var bytes = body.ToArray();
            // Exports come every 100 ms, from before the first connection: wait for the one that carries the bytes the
            // client sent (counted after the accept, so an export may carry the accepted count without them).
            if (Encoding.UTF8.GetString(bytes).Contains("bytes.received", StringComparison.Ordinal))
                _export.TrySetResult((context.Request.Path.Value ?? "", context.Request.ContentType, bytes));
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/x-protobuf";
        });
        await _collector.StartAsync();
    }

    public async Task DisposeAsync() => await _collector.DisposeAsync();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_meter_is_exported_to_the_configured_OTLP_collector()
    {
        var collector = _collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var file = _directory.Write("otlp.hocon", $$"""
            actor-echo.telemetry { otlp-endpoint = "{{collector}}", export-interval = 100ms }
            actor-echo.listeners {
              exported { endpoint = "tcp:0:interface=127.0.0.1", protocol = echo }
            }
            """);
        await using var host = HostProcess.Start(["--config", file]);
        var port = await host.ListeningPort("exported", Bound);
        using (var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            await client.SendAsync("ping"u8.ToArray());
            Assert.Equal(4, await client.ReceiveAsync(new byte[4]));
        }

        var (path, contentType, body) = await _export.Task.WaitAsync(Bound);
        Assert.Equal("/v1/metrics", path);
        Assert.Equal("application/x-protobuf", contentType);
        // Protobuf keeps strings as UTF-8: the meter, the service and the listener's tag are readable in the export.
        var text = Encoding.UTF8.GetString(body);
        Assert.Contains("ActorEcho", text);
        Assert.Contains("actor-echo", text);
        Assert.Contains("exported", text);
        Assert.Contains("connections.accepted", text);

        await host.Terminate(Bound);
        Assert.Equal(0, await host.WaitForExit(Bound));
    }
}
