using System.Net.Security;
using System.Security.Authentication;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Endpoints;
using ActorEcho.TestKit.Tls;
using ActorEcho.Tests.Protocols.Model;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Tls;

/// <summary><c>ITransport.Tls</c>: what the handshake agreed, as the protocol on either end sees it, and nothing before it completes.</summary>
public abstract class TlsInfoTests(ITestOutputHelper output, string transport) : TlsSpec(output, transport)
{
    /// <summary>What the protocol saw: in ConnectionMade, and with the first data (then it echoes).</summary>
    private sealed record Seen(string When, bool? Complete, SslProtocols Protocol, string? Alpn, string? PeerThumbprint);

    private static Factory Reporting(IActorRef probe) => new(() => new ScriptedProtocol
    {
        Made = p => probe.Tell(Snapshot("made", p.Transport), ActorRefs.NoSender),
        Data = (p, data) =>
        {
            probe.Tell(Snapshot("data", p.Transport), ActorRefs.NoSender);
            p.Transport.Write(data);
        },
    });

    private static Seen Snapshot(string when, ITransport transport) => new(when, transport.Tls?.IsHandshakeComplete, transport.Tls?.Protocol ?? SslProtocols.None,
        transport.Tls?.NegotiatedApplicationProtocol, transport.Tls?.RemoteCertificate?.Thumbprint);

    [Fact]
    public async Task The_server_protocol_sees_an_incomplete_handshake_in_ConnectionMade_and_the_agreed_version_with_data()
    {
        var token = TlsClient.Deadline();
        var probe = CreateTestProbe();
        var (_, endpoint) = await ListenTls(Reporting(probe.Ref));

        await using var client = await TlsClient.Connect(endpoint, Certs.AuthorityPath, token);
        await client.AssertEchoes("info", token);

        Assert.Equal(new Seen("made", false, SslProtocols.None, "", null), await probe.ExpectMsgAsync<Seen>());
        Assert.Equal(new Seen("data", true, client.Stream.SslProtocol, "", null), await probe.ExpectMsgAsync<Seen>());
    }

    [Fact]
    public async Task Under_mutual_TLS_the_server_protocol_sees_the_clients_certificate()
    {
        var token = TlsClient.Deadline();
        var probe = CreateTestProbe();
        var clientFiles = Certs.Client();
        var (_, endpoint) = await ListenTls(Reporting(probe.Ref), extra: $":caCerts={CertificateFiles.Escape(Certs.AuthorityPath)}");

        await using var client = await TlsClient.Connect(endpoint, Certs.AuthorityPath, token, clientCertificate: clientFiles.Certificate);
        await client.AssertEchoes("who am I", token);

        await probe.ExpectMsgAsync<Seen>(s => s.When == "made");
        Assert.Equal(clientFiles.Certificate.Thumbprint, (await probe.ExpectMsgAsync<Seen>()).PeerThumbprint);
    }

    [Fact]
    public async Task ALPN_agrees_on_the_first_protocol_of_the_servers_list_the_client_offers()
    {
        var token = TlsClient.Deadline();
        var probe = CreateTestProbe();
        var (_, endpoint) = await ListenTls(Reporting(probe.Ref), extra: ":alpn=echo/2,echo/1");
        using var socket = await TlsClient.ConnectTcp(endpoint, token);
        await using var stream = new SslStream(new System.Net.Sockets.NetworkStream(socket, ownsSocket: true));
        var options = TlsClient.ClientOptions(Certs.AuthorityPath, "localhost", null);
        options.ApplicationProtocols = [new SslApplicationProtocol("echo/1"), new SslApplicationProtocol("echo/2")];

        await stream.AuthenticateAsClientAsync(options, token);
        await stream.WriteAsync("x"u8.ToArray(), token);
        await stream.ReadExactlyAsync(new byte[1], token);

        Assert.Equal("echo/2", stream.NegotiatedApplicationProtocol.ToString());
        await probe.ExpectMsgAsync<Seen>(s => s.When == "made");
        Assert.Equal("echo/2", (await probe.ExpectMsgAsync<Seen>()).Alpn);
    }

    [Fact]
    public async Task The_tls_client_protocol_sees_the_servers_certificate_and_a_plain_tcp_one_sees_no_TLS()
    {
        var (_, endpoint) = await ListenTls(new Factory(() => new ActorEcho.Protocols.Builtin.Echo()));
        var (_, plain) = await Net.Listen(Sys, new Factory(() => new ActorEcho.Protocols.Builtin.Echo()));
        var probe = CreateTestProbe();

        await Endpoints.ClientFromString(Sys, $"tls:localhost:{endpoint.Port}:trustRoots={CertificateFiles.Escape(Certs.AuthorityPath)}")
            .Connect(new ClientFactory(() => new ScriptedProtocol
            {
                Made = p => p.Transport.Write("hi"u8),
                Data = (p, _) => probe.Ref.Tell(Snapshot("data", p.Transport), ActorRefs.NoSender),
            })).WaitAsync(TlsClient.Timeout);
        var tcp = await Endpoints.ClientFromString(Sys, $"tcp:127.0.0.1:{plain.Port}").Connect(new ClientFactory(() => new ScriptedProtocol()))
            .WaitAsync(TlsClient.Timeout);

        var seen = await probe.ExpectMsgAsync<Seen>();
        Assert.True(seen.Complete);
        Assert.Equal(ServerFiles.Certificate.Thumbprint, seen.PeerThumbprint);
        Assert.Null(tcp.Transport.Tls);
    }
}

public sealed class TlsInfoTestsOnActorEcho(ITestOutputHelper output) : TlsInfoTests(output, TransportNames.ActorEcho);

public sealed class TlsInfoTestsOnAkkaIo(ITestOutputHelper output) : TlsInfoTests(output, TransportNames.AkkaIo);
