using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using ActorEcho.Protocols.Endpoints;
using ActorEcho.TestKit.Tls;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Tls;

/// <summary>ActorEcho's <c>tls:</c> client endpoint against openssl s_server, a .NET SslStream server and an ActorEcho <c>ssl:</c> listener.</summary>
public abstract class TlsClientEndpointTests(ITestOutputHelper output, string transport) : TlsSpec(output, transport)
{
    private string TrustOurs => $":trustRoots={CertificateFiles.Escape(Certs.AuthorityPath)}";

    [Fact]
    public async Task Against_openssl_s_server_rev_the_lines_written_before_the_handshake_come_back_reversed()
    {
        await using var server = InteropProcess.Start(InteropTools.OpenSsl,
            ["s_server", "-accept", "127.0.0.1:0", "-cert", ServerFiles.CertificatePath, "-key", ServerFiles.KeyPath, "-rev", "-naccept", "1"]);
        var port = await AcceptPort(server);
        var probe = CreateTestProbe();

        await Connect($"tls:localhost:{port}{TrustOurs}", new LineClient(probe.Ref, "hello", "actor echo"));

        await probe.ExpectMsgAsync("line:olleh", TlsClient.Timeout);
        await probe.ExpectMsgAsync("line:ohce rotca", TlsClient.Timeout);
    }

    [Fact]
    public async Task Against_a_dotnet_SslStream_server_a_line_goes_over_and_the_answer_comes_back()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serving = Task.Run(async () =>
        {
            var token = TlsClient.Deadline();
            using var socket = await listener.AcceptSocketAsync(token);
            await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = ServerFiles.Certificate }, token);
            using var reader = new StreamReader(tls, Encoding.ASCII, leaveOpen: true);
            var line = await reader.ReadLineAsync(token);
            await tls.WriteAsync(Encoding.ASCII.GetBytes($"server got {line} over {tls.SslProtocol}\r\n"), token);
            await tls.FlushAsync(token);
            await tls.ShutdownAsync(); // close_notify
        });
        var probe = CreateTestProbe();

        await Connect($"tls:localhost:{((IPEndPoint)listener.LocalEndpoint).Port}{TrustOurs}", new LineClient(probe.Ref, "ping"));

        var answer = await probe.ExpectMsgAsync<string>(TlsClient.Timeout);
        Assert.Matches("^line:server got ping over Tls1[23]$", answer);
        await serving.WaitAsync(TlsClient.Timeout);
    }

    [Fact]
    public async Task Against_an_ActorEcho_ssl_listener_by_address_the_echo_comes_back()
    {
        var (_, endpoint) = await ListenTls(new Factory(() => new Echo()));
        var probe = CreateTestProbe();

        await Connect($"tls:127.0.0.1:{endpoint.Port}{TrustOurs}", new LineClient(probe.Ref, "one", "two"));

        await probe.ExpectMsgAsync("line:one", TlsClient.Timeout);
        await probe.ExpectMsgAsync("line:two", TlsClient.Timeout);
    }

    [Fact]
    public async Task A_client_certificate_given_with_certificate_and_privateKey_passes_mutual_TLS()
    {
        var (_, endpoint) = await ListenTls(new Factory(() => new Echo()), extra: $":caCerts={CertificateFiles.Escape(Certs.AuthorityPath)}");
        var clientFiles = Certs.Client();
        var probe = CreateTestProbe();

        await Connect($"tls:localhost:{endpoint.Port}{TrustOurs}:certificate={CertificateFiles.Escape(clientFiles.CertificatePath)}" +
            $":privateKey={CertificateFiles.Escape(clientFiles.KeyPath)}", new LineClient(probe.Ref, "mutual"));

        await probe.ExpectMsgAsync("line:mutual", TlsClient.Timeout);
    }

    [Fact]
    public async Task A_server_certificate_not_naming_the_host_fails_the_handshake_unless_verifyHostname_is_0()
    {
        var other = Certs.Server("other", host: "other.example"); // also valid for 127.0.0.1, not for localhost
        var (_, endpoint) = await ListenTls(new Factory(() => new Echo()), other);
        var refused = CreateTestProbe();
        var unverified = CreateTestProbe();

        await Connect($"tls:localhost:{endpoint.Port}{TrustOurs}", new LineClient(refused.Ref, "never"));
        await ExpectHandshakeFailure(refused);

        await Connect($"tls:localhost:{endpoint.Port}{TrustOurs}:verifyHostname=0", new LineClient(unverified.Ref, "anyway"));
        await unverified.ExpectMsgAsync("line:anyway", TlsClient.Timeout);
    }

    [Fact]
    public async Task A_server_whose_authority_is_not_trusted_fails_the_handshake_even_without_the_host_check()
    {
        using var strangers = TestCertificates.Create("Someone Else's CA");
        var (_, endpoint) = await ListenTls(new Factory(() => new Echo()), strangers.Server());
        var probe = CreateTestProbe();

        await Connect($"tls:localhost:{endpoint.Port}{TrustOurs}:verifyHostname=0", new LineClient(probe.Ref, "never"));

        await ExpectHandshakeFailure(probe);
    }

    [Fact]
    public async Task A_self_signed_server_certificate_fails_the_handshake()
    {
        var (_, endpoint) = await ListenTls(new Factory(() => new Echo()), Certs.Server("rogue", selfSigned: true));
        var probe = CreateTestProbe();

        await Connect($"tls:localhost:{endpoint.Port}{TrustOurs}", new LineClient(probe.Ref, "never"));

        await ExpectHandshakeFailure(probe);
    }

    private async Task Connect(string description, Protocol protocol) =>
        await Endpoints.ClientFromString(Sys, description).Connect(new ClientFactory(() => protocol)).WaitAsync(TlsClient.Timeout);

    /// <summary>The contract: ConnectionLost with a ConnectionLostException whose message starts "TLS handshake failed:", no line first.</summary>
    private static async Task ExpectHandshakeFailure(TestProbe probe)
    {
        var message = await probe.ReceiveOneAsync(TlsClient.Timeout);
        var reason = Assert.IsAssignableFrom<ConnectionLostException>(message);
        Assert.StartsWith("TLS handshake failed:", reason.Message);
    }

    /// <summary>The port s_server bound, from its <c>ACCEPT 127.0.0.1:PORT</c> line.</summary>
    private static async Task<int> AcceptPort(InteropProcess server)
    {
        await server.WaitForOutput("ACCEPT 127.0.0.1:");
        var line = server.StandardOutput.Split('\n').First(l => l.StartsWith("ACCEPT 127.0.0.1:", StringComparison.Ordinal));
        return int.Parse(line["ACCEPT 127.0.0.1:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class TlsClientEndpointTestsOnActorEcho(ITestOutputHelper output) : TlsClientEndpointTests(output, TransportNames.ActorEcho);

public sealed class TlsClientEndpointTestsOnAkkaIo(ITestOutputHelper output) : TlsClientEndpointTests(output, TransportNames.AkkaIo);
