using System.Net;
using ActorEcho.Bench.Load;
using ActorEcho.Bench.Load.Tls;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using ActorEcho.TestKit.Tls;
using ActorEcho.Tests.IO;
using Xunit.Abstractions;
using static ActorEcho.Protocols.Endpoints.Endpoints;

namespace ActorEcho.Tests.Bench;

/// <summary>
/// The TLS load client against ActorEcho's own ssl: listener (the built-in Echo), in process, on each transport: what
/// compare's actorecho TLS rows run, including the session's end (close_notify from the client, the server's close).
/// About a second per mode; counts and errors only, never rates.
/// </summary>
[Collection(LoadCollection.Name)]
public abstract class TlsLoadOnActorEchoTests(ITestOutputHelper output, string transport) : AkkaSpec(output, transport: transport)
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private const int MessageSize = 64;

    private readonly TestCertificates _certificates = TestCertificates.Create();

    protected override void AfterAll()
    {
        base.AfterAll();
        _certificates.Dispose();
    }

    private async Task<LoadSettings> ListenAsync(int connections)
    {
        var server = _certificates.Server();
        var port = await ServerFromString(Sys, $"ssl:0:interface=127.0.0.1:{server.ServerKeywords}").Listen(new Factory(() => new Echo()))
            .WaitAsync(Loopback.Timeout);
        return new LoadSettings(new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)port.LocalAddress).Port), connections, WarmUp, Second);
    }

    [Fact]
    public async Task Tls_echo_counts_every_echoed_message_once_without_errors()
    {
        var settings = await ListenAsync(connections: 8);

        var result = await TlsLoad.EchoAsync(settings, new TlsClient(_certificates.AuthorityPath), MessageSize, depth: 4);

        Assert.Equal(0, result.Errors);
        Assert.True(result.Messages > 0, $"{result.Messages} messages");
        Assert.Equal(result.Messages, result.Latency.Count);
    }

    [Fact]
    public async Task Tls_handshake_sessions_end_with_the_servers_close_after_close_notify_without_errors()
    {
        var settings = await ListenAsync(connections: 4);

        var result = await TlsLoad.HandshakesAsync(settings, new TlsClient(_certificates.AuthorityPath), MessageSize);

        Assert.Equal(0, result.Errors);
        Assert.True(result.Sessions > 0, $"{result.Sessions} sessions");
        Assert.Equal(result.Sessions, result.Latency.Count);
    }
}

public sealed class TlsLoadOnActorEchoTestsOnActorEcho(ITestOutputHelper output) : TlsLoadOnActorEchoTests(output, TransportNames.ActorEcho);

public sealed class TlsLoadOnActorEchoTestsOnAkkaIo(ITestOutputHelper output) : TlsLoadOnActorEchoTests(output, TransportNames.AkkaIo);
