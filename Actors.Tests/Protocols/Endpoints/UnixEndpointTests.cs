using System.Net.Sockets;
using System.Text;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using ActorEcho.Tests.IO;
using Xunit.Abstractions;
using static ActorEcho.Protocols.Endpoints.Endpoints;

namespace ActorEcho.Tests.Protocols.Endpoints;

/// <summary>
/// Unix-domain endpoints on ActorEcho's transport (the default): a listener serves, its socket file gets the endpoint's
/// mode, StopListening removes the file, and a unix: client endpoint connects.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are a Unix thing
public sealed class UnixEndpointTests(ITestOutputHelper output) : AkkaSpec(output)
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"actor-echo-{Guid.NewGuid():N}.sock");

    [Fact]
    public async Task A_unix_endpoint_serves_a_protocol_with_the_file_mode_it_names_and_StopListening_removes_the_file()
    {
        var port = await ServerFromString(Sys, $"unix:{_path}:mode=640").Listen(new Factory(() => new Echo())).WaitAsync(Loopback.Timeout);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(_path));
        using (var client = await Loopback.ConnectAsync(new UnixDomainSocketEndPoint(_path)))
        {
            await Loopback.SendAsync(client, "over unix"u8.ToArray());
            Assert.Equal("over unix", Encoding.ASCII.GetString(await Loopback.ReadExactlyAsync(client, 9)));
        }

        await port.StopListening().WaitAsync(Loopback.Timeout);
        Assert.False(File.Exists(_path));
    }

    [Fact]
    public async Task A_unix_listener_without_a_mode_gets_Twisted_s_0666()
    {
        var port = await ServerFromString(Sys, $"unix:{_path}").Listen(new Factory(() => new Echo())).WaitAsync(Loopback.Timeout);

        var readWriteForAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite |
                              UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        Assert.Equal(readWriteForAll, File.GetUnixFileMode(_path));
        await port.StopListening().WaitAsync(Loopback.Timeout);
    }

    [Fact]
    public async Task A_unix_client_endpoint_connects_and_echoes()
    {
        var port = await ServerFromString(Sys, $"unix:{_path}").Listen(new Factory(() => new Echo())).WaitAsync(Loopback.Timeout);
        var message = "hello, unix"u8.ToArray();

        var protocol = await ClientFromString(Sys, $"unix:path={_path}").Connect(new ClientFactory(() => new EchoClient(message))).WaitAsync(Loopback.Timeout);

        Assert.Equal(message, await ((EchoClient)protocol).Echoed.WaitAsync(Loopback.Timeout));
        await port.StopListening().WaitAsync(Loopback.Timeout);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        File.Delete(_path);
    }
}

/// <summary>On Akka.IO's transport, unix: endpoints fail with an error that names the transport and what to do instead.</summary>
public sealed class UnixEndpointOnAkkaIoTests(ITestOutputHelper output) : AkkaSpec(output, config: "actor-echo.io.transport = akka-io")
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"actor-echo-{Guid.NewGuid():N}.sock");

    [Fact]
    public async Task Listening_on_a_unix_endpoint_fails_naming_the_transport()
    {
        var endpoint = ServerFromString(Sys, $"unix:{_path}:mode=660");

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => endpoint.Listen(new Factory(() => new Echo())));

        Assert.Contains($"unix:{_path}", error.Message);
        Assert.Contains("the transport akka-io", error.Message);
        Assert.Contains("actor-echo.io.transport = actorecho", error.Message);
        Assert.False(File.Exists(_path));
    }

    [Fact]
    public async Task Connecting_to_a_unix_endpoint_fails_naming_the_transport()
    {
        var endpoint = ClientFromString(Sys, $"unix:path={_path}");

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => endpoint.Connect(new ClientFactory(() => new Echo())));

        Assert.Contains($"unix:{_path}", error.Message);
        Assert.Contains("the transport akka-io", error.Message);
    }
}
