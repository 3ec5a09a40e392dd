using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using ActorEcho.TestKit.Tls;
using ActorEcho.Tests.IO;
using Xunit.Abstractions;
using static ActorEcho.Protocols.Endpoints.Endpoints;

namespace ActorEcho.Tests.Protocols.Tls;

/// <summary>
/// The TLS layer end to end on one transport: an ssl: listener echoes through .NET's SslStream, a protocol's greeting
/// written before the handshake arrives first and intact, and a tls: client endpoint talks to an ssl: listener.
/// </summary>
public abstract class TlsLayerSmokeTests(ITestOutputHelper output, string transport) : AkkaSpec(output, transport: transport)
{
    private readonly TestCertificates _certificates = TestCertificates.Create();

    protected override void AfterAll()
    {
        base.AfterAll();
        _certificates.Dispose();
    }

    [Fact]
    public async Task An_ssl_listener_echoes_every_byte_through_SslStream()
    {
        var server = _certificates.Server();
        var port = await ServerFromString(Sys, $"ssl:0:interface=127.0.0.1:{server.ServerKeywords}").Listen(new Factory(() => new Echo())).WaitAsync(Loopback.Timeout);
        await using var tls = await ConnectTls(((IPEndPoint)port.LocalAddress).Port);

        var payload = new byte[300_000];
        Random.Shared.NextBytes(payload);
        var reading = ReadExactly(tls, payload.Length);
        await tls.WriteAsync(payload).AsTask().WaitAsync(Loopback.Timeout);

        Assert.Equal(payload, await reading.WaitAsync(Loopback.Timeout));
        await port.StopListening().WaitAsync(Loopback.Timeout);
    }

    [Fact]
    public async Task A_greeting_written_in_ConnectionMade_arrives_after_the_handshake_and_the_close_sends_close_notify()
    {
        var server = _certificates.Server();
        var port = await ServerFromString(Sys, $"ssl:0:interface=127.0.0.1:{server.ServerKeywords}").Listen(new Factory(() => new Greet())).WaitAsync(Loopback.Timeout);
        await using var tls = await ConnectTls(((IPEndPoint)port.LocalAddress).Port);

        using var said = new MemoryStream();
        await tls.CopyToAsync(said).WaitAsync(Loopback.Timeout); // ends at close_notify: SslStream reads 0

        Assert.Equal("hello over tls\r\n", Encoding.ASCII.GetString(said.ToArray()));
        await port.StopListening().WaitAsync(Loopback.Timeout);
    }

    [Fact]
    public async Task A_tls_client_endpoint_talks_to_an_ssl_listener_and_sees_its_certificate()
    {
        var server = _certificates.Server();
        var port = await ServerFromString(Sys, $"ssl:0:interface=127.0.0.1:{server.ServerKeywords}").Listen(new Factory(() => new Echo())).WaitAsync(Loopback.Timeout);
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = new ClientFactory(() => new SayAndHear("ping", received));

        var protocol = await ClientFromString(Sys, $"tls:localhost:{((IPEndPoint)port.LocalAddress).Port}:trustRoots={CertificateFiles.Escape(_certificates.AuthorityPath)}")
            .Connect(client).WaitAsync(Loopback.Timeout);

        Assert.Equal("ping", await received.Task.WaitAsync(Loopback.Timeout));
        Assert.Equal(server.Certificate.Thumbprint, ((SayAndHear)protocol).Seen?.Thumbprint);
        await port.StopListening().WaitAsync(Loopback.Timeout);
    }

    private async Task<SslStream> ConnectTls(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        var tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck },
        };
        options.CertificateChainPolicy.CustomTrustStore.Add(_certificates.Authority);
        await tls.AuthenticateAsClientAsync(options).WaitAsync(Loopback.Timeout);
        return tls;
    }

    private static async Task<byte[]> ReadExactly(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer);
        return buffer;
    }

    private sealed class Greet : Protocol
    {
        protected internal override void ConnectionMade()
        {
            Transport.Write("hello over tls\r\n"u8);
            Transport.LoseConnection();
        }
    }

    private sealed class SayAndHear(string text, TaskCompletionSource<string> heard) : Protocol
    {
        public X509Certificate2? Seen { get; private set; }

        protected internal override void ConnectionMade() => Transport.Write(Encoding.ASCII.GetBytes(text));

        protected internal override void DataReceived(ReadOnlySpan<byte> data)
        {
            Seen = Transport.Tls?.RemoteCertificate;
            heard.TrySetResult(Encoding.ASCII.GetString(data));
            Transport.LoseConnection();
        }
    }
}

public sealed class TlsLayerSmokeTestsOnActorEcho(ITestOutputHelper output) : TlsLayerSmokeTests(output, TransportNames.ActorEcho);

public sealed class TlsLayerSmokeTestsOnAkkaIo(ITestOutputHelper output) : TlsLayerSmokeTests(output, TransportNames.AkkaIo);
