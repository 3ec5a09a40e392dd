using ActorEcho.Protocols;
using Xunit.Abstractions;
using static ActorEcho.Protocols.Endpoints.Endpoints;

namespace ActorEcho.Tests.Protocols.Endpoints;

/// <summary>
/// Unix-domain endpoint strings still parse (item 17), but Akka.IO, the transport underneath, cannot bind or connect a
/// Unix-domain socket: using one fails with an error that says so and points to tcp:.
/// </summary>
public sealed class UnixEndpointTests(ITestOutputHelper output) : AkkaSpec(output)
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"actor-echo-{Guid.NewGuid():N}.sock");

    [Fact]
    public async Task Listening_on_a_unix_endpoint_fails_clearly()
    {
        var endpoint = ServerFromString(Sys, $"unix:{_path}:mode=660");

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => endpoint.Listen(new Factory(() => new Silent())));

        Assert.Contains($"unix:{_path}", error.Message);
        Assert.Contains("use a tcp: endpoint", error.Message);
        Assert.False(File.Exists(_path));
    }

    [Fact]
    public async Task Connecting_to_a_unix_endpoint_fails_clearly()
    {
        var endpoint = ClientFromString(Sys, $"unix:path={_path}");

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => endpoint.Connect(new ClientFactory(() => new Silent())));

        Assert.Contains($"unix:{_path}", error.Message);
        Assert.Contains("use a tcp: endpoint", error.Message);
    }

    private sealed class Silent : Protocol;
}
