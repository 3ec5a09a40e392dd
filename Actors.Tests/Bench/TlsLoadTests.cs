using System.Net;
using ActorEcho.Bench.Baselines;
using ActorEcho.Bench.Load;
using ActorEcho.Bench.Load.Tls;
using ActorEcho.TestKit.Tls;

namespace ActorEcho.Tests.Bench;

// The TLS load client against the in-process Kestrel TLS echo (`serve kestrel-tls-echo`) on a certificate made for the
// test; each run is about a second. Counts and errors are checked, never rates.
[Collection(LoadCollection.Name)]
public sealed class TlsLoadTests : IDisposable
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private const int MessageSize = 64;

    private readonly TestCertificates _certificates = TestCertificates.Create();
    private readonly ServerCertificateFiles _server;

    public TlsLoadTests()
    {
        var issued = _certificates.Server();
        _server = new ServerCertificateFiles(issued.CertificatePath, issued.KeyPath);
    }

    public void Dispose() => _certificates.Dispose();

    private async Task<(IBaselineServer Server, LoadSettings Settings)> StartAsync(int connections)
    {
        var server = await ServeCommand.Servers["kestrel-tls-echo"](new ServeOptions(0, _server));
        Assert.NotEqual(0, server.Port);
        // The server runs in this process: its pid is ours, so the window's server CPU is measurable here too.
        return (server, new LoadSettings(new IPEndPoint(IPAddress.Loopback, server.Port), connections, WarmUp, Second, Environment.ProcessId));
    }

    [Fact]
    public async Task Tls_echo_counts_every_echoed_message_once_with_its_latency_and_no_errors()
    {
        var (server, settings) = await StartAsync(connections: 8);
        await using var _ = server;
        var client = new TlsClient(_certificates.AuthorityPath);

        var result = await TlsLoad.EchoAsync(settings, client, MessageSize, depth: 4);

        Assert.Equal(0, result.Errors);
        Assert.True(result.Messages > 0, $"{result.Messages} messages");
        Assert.Equal(result.Messages, result.Latency.Count);
        Assert.NotNull(result.ServerCpu);
        Assert.StartsWith("Tls", client.Negotiated);
    }

    [Fact]
    public async Task Tls_handshakes_count_complete_sessions_each_a_full_handshake_an_echo_and_the_servers_close()
    {
        var (server, settings) = await StartAsync(connections: 4);
        await using var _ = server;
        var client = new TlsClient(_certificates.AuthorityPath);

        var result = await TlsLoad.HandshakesAsync(settings, client, MessageSize);

        Assert.Equal(0, result.Errors);
        Assert.True(result.Sessions > 0, $"{result.Sessions} sessions");
        Assert.Equal(result.Sessions, result.Latency.Count);
        Assert.NotNull(result.ServerCpu);
    }

    [Fact]
    public async Task A_server_certificate_from_another_authority_fails_every_handshake_and_counts_nothing()
    {
        var (server, settings) = await StartAsync(connections: 2);
        await using var _ = server;
        using var other = TestCertificates.Create("Another CA");
        var untrusting = new TlsClient(other.AuthorityPath);

        var echoed = await TlsLoad.EchoAsync(settings, untrusting, MessageSize, depth: 1);
        var sessions = await TlsLoad.HandshakesAsync(settings with { WarmUp = TimeSpan.Zero }, untrusting, MessageSize);

        Assert.Equal(0, echoed.Messages);
        Assert.Equal(2, echoed.Errors); // both connections refused at the handshake, before the window
        Assert.Equal(0, sessions.Sessions);
        Assert.True(sessions.Errors > 0);
        Assert.Null(untrusting.Negotiated);
    }

    [Fact]
    public async Task A_name_the_certificate_does_not_carry_fails_the_handshake()
    {
        var (server, settings) = await StartAsync(connections: 1);
        await using var _ = server;

        var result = await TlsLoad.EchoAsync(settings, new TlsClient(_certificates.AuthorityPath, "not-localhost.example"), MessageSize, depth: 1);

        Assert.Equal(0, result.Messages);
        Assert.Equal(1, result.Errors);
    }

    [Fact]
    public async Task A_plaintext_echo_server_is_no_tls_server()
    {
        await using var plain = await KestrelServer.StartAsync(BaselineProtocol.Echo, 0);
        var settings = new LoadSettings(new IPEndPoint(IPAddress.Loopback, plain.Port), 2, WarmUp, Second);

        // The plain echo sends the ClientHello back, which is no ServerHello: the handshake fails.
        var result = await TlsLoad.EchoAsync(settings, new TlsClient(_certificates.AuthorityPath), MessageSize, depth: 1);

        Assert.Equal(0, result.Messages);
        Assert.Equal(2, result.Errors);
    }

    [Fact]
    public async Task Load_refuses_a_tls_mode_without_the_authority()
    {
        var settings = new LoadSettings(new IPEndPoint(IPAddress.Loopback, 1), 1, WarmUp, Second);

        var exit = await LoadCommand.RunAsync("tls-echo", settings, MessageSize, 1, TimeSpan.Zero, 1, TextWriter.Null);

        Assert.Equal(2, exit);
    }
}
