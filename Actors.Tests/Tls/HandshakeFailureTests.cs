using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using ActorEcho.TestKit.Tls;
using Akka.Event;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Tls;

/// <summary>
/// A handshake that fails or never finishes closes that connection only: a TLS client connected before it keeps its
/// echo, a new one is served, the failure is logged and counted in <c>tls.handshakes</c>.
/// </summary>
public abstract class HandshakeFailureTests(ITestOutputHelper output, string transport)
    // Small, so the never-sending client times out quickly; large enough for a good handshake on a loaded machine.
    : TlsSpec(output, transport, config: "actor-echo.tls.handshake-timeout = 2s")
{
    private const string Listener = "guarded";

    [Fact]
    public async Task A_plaintext_client_on_the_TLS_port_is_closed_and_the_TLS_clients_are_served()
    {
        var token = TlsClient.Deadline();
        var (endpoint, handshakes) = await Serve();
        await using var good = await ConnectGood(endpoint, token);

        using (var plain = await TlsClient.ConnectTcp(endpoint, token))
        {
            await plain.SendAsync("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray(), token);
            await ExpectClosed(plain, token);
        }

        await ExpectLog<Warning>("TLS handshake with", "failed");
        await handshakes.WaitFor("failed", 1);
        await StillServed(good, endpoint, token);
    }

    // .NET's SslStream checks the server's certificate only after the TLS handshake itself has completed, so the server
    // counts its handshake ok and sees a close; OpenSSL checks it inside the handshake and sends an alert, which the
    // server must see as a failed handshake. Both clients fail; the server's view is asserted with the second.
    [Fact]
    public async Task A_client_trusting_another_authority_fails_its_handshake_and_the_server_logs_it()
    {
        var token = TlsClient.Deadline();
        var (endpoint, handshakes) = await Serve();
        await using var good = await ConnectGood(endpoint, token);
        using var strangers = TestCertificates.Create("Someone Else's CA");

        await Assert.ThrowsAsync<AuthenticationException>(() => TlsClient.Connect(endpoint, strangers.AuthorityPath, token));
        await using (var openssl = SClient(endpoint.Port, strangers.AuthorityPath))
        {
            Assert.True(await openssl.WaitForExit() != 0, openssl.Transcript);
            Assert.Contains("unable to get local issuer certificate", openssl.StandardError);
        }

        await ExpectLog<Warning>("TLS handshake with", "failed");
        await handshakes.WaitFor("failed", 1);
        await StillServed(good, endpoint, token);
    }

    [Fact]
    public async Task An_expired_server_certificate_is_refused_by_verifying_clients_and_served_to_one_that_accepts_it()
    {
        var token = TlsClient.Deadline();
        var expired = Certs.Server("expired", notBefore: DateTimeOffset.UtcNow.AddDays(-30), notAfter: DateTimeOffset.UtcNow.AddDays(-1));
        var (endpoint, handshakes) = await Serve(expired);
        X509ChainStatusFlags seen = default;

        var verifying = TlsClient.ClientOptions(Certs.AuthorityPath, "localhost", null);
        verifying.RemoteCertificateValidationCallback = (_, _, chain, errors) =>
        {
            foreach (var status in chain?.ChainStatus ?? []) seen |= status.Status;
            return errors == SslPolicyErrors.None;
        };
        await Assert.ThrowsAsync<AuthenticationException>(() => Handshake(endpoint, verifying, token));
        Assert.True(seen.HasFlag(X509ChainStatusFlags.NotTimeValid), $"the chain failed with {seen}, not as expired");
        await using (var openssl = SClient(endpoint.Port, Certs.AuthorityPath))
        {
            Assert.True(await openssl.WaitForExit() != 0, openssl.Transcript);
            Assert.Contains("certificate has expired", openssl.StandardError);
        }

        await handshakes.WaitFor("failed", 1);

        // Everything but the dates is right: a client that overlooks them gets its echo from the same listener.
        var lenient = TlsClient.ClientOptions(Certs.AuthorityPath, "localhost", null);
        lenient.RemoteCertificateValidationCallback = (_, _, chain, errors) => errors == SslPolicyErrors.RemoteCertificateChainErrors
            && chain!.ChainStatus.All(s => s.Status == X509ChainStatusFlags.NotTimeValid);
        await using var stream = await Handshake(endpoint, lenient, token);
        await stream.WriteAsync("late\r\n"u8.ToArray(), token);
        var echo = new byte[6];
        await stream.ReadExactlyAsync(echo, token);
        Assert.Equal("late\r\n"u8.ToArray(), echo);
    }

    [Fact]
    public async Task A_client_that_never_sends_a_ClientHello_is_closed_after_the_handshake_timeout()
    {
        var token = TlsClient.Deadline();
        var (endpoint, handshakes) = await Serve();
        await using var good = await ConnectGood(endpoint, token);

        using (var silent = await TlsClient.ConnectTcp(endpoint, token))
        {
            await ExpectClosed(silent, token);
        }

        await ExpectLog<Warning>("TLS handshake with", "timed out after");
        await handshakes.WaitFor("timeout", 1);
        Assert.Equal(0, handshakes["failed"]);
        await StillServed(good, endpoint, token);
    }

    private async Task<(IPEndPoint Endpoint, HandshakeCounter Handshakes)> Serve(CertificateFiles? server = null)
    {
        WatchLog();
        var (_, endpoint) = await ListenTls(new Factory(() => new Echo()) { Name = Listener }, server);
        var handshakes = CountHandshakes(Listener);
        _counters.Add(handshakes);
        return (endpoint, handshakes);
    }

    private readonly List<HandshakeCounter> _counters = [];

    private async Task<TlsClient> ConnectGood(IPEndPoint endpoint, CancellationToken token)
    {
        var good = await TlsClient.Connect(endpoint, Certs.AuthorityPath, token);
        await good.AssertEchoes("before", token);
        return good;
    }

    /// <summary>The client connected before still gets its echo, and a new client is served.</summary>
    private async Task StillServed(TlsClient good, IPEndPoint endpoint, CancellationToken token)
    {
        await good.AssertEchoes("after", token);
        await using var next = await TlsClient.Connect(endpoint, Certs.AuthorityPath, token);
        await next.AssertEchoes("next", token);
    }

    /// <summary>The server ends the connection: EOF or a reset, whatever it sent first (an alert, say) read and dropped.</summary>
    private static async Task ExpectClosed(Socket socket, CancellationToken token)
    {
        var buffer = new byte[4096];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, token) > 0)
            {
            }
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionReset)
        {
        }
    }

    /// <summary>openssl s_client trusting <paramref name="authorityPath"/> only, its input closed: these tests watch only the handshake.</summary>
    private static InteropProcess SClient(int port, string authorityPath)
    {
        var client = InteropProcess.SClient(port, authorityPath);
        client.CloseInput();
        return client;
    }

    private static async Task<SslStream> Handshake(IPEndPoint endpoint, SslClientAuthenticationOptions options, CancellationToken token)
    {
        var socket = await TlsClient.ConnectTcp(endpoint, token);
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: true));
        try
        {
            await stream.AuthenticateAsClientAsync(options, token);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _counters.ForEach(c => c.Dispose());
        base.Dispose(disposing);
    }
}

public sealed class HandshakeFailureTestsOnActorEcho(ITestOutputHelper output) : HandshakeFailureTests(output, TransportNames.ActorEcho);

public sealed class HandshakeFailureTestsOnAkkaIo(ITestOutputHelper output) : HandshakeFailureTests(output, TransportNames.AkkaIo);
