using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using ActorEcho.TestKit.Tls;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Tls;

/// <summary>An <c>ssl:</c> listener with <c>caCerts=</c> requires a client certificate from one of those authorities.</summary>
public abstract class MutualTlsTests(ITestOutputHelper output, string transport) : TlsSpec(output, transport)
{
    private const string Listener = "mutual";

    private async Task<System.Net.IPEndPoint> ListenMutual() =>
        (await ListenTls(new Factory(() => new Echo()) { Name = Listener }, extra: $":caCerts={CertificateFiles.Escape(Certs.AuthorityPath)}")).Endpoint;

    [Fact]
    public async Task A_client_certificate_issued_by_the_authority_is_accepted()
    {
        var token = TlsClient.Deadline();
        var endpoint = await ListenMutual();
        using var handshakes = CountHandshakes(Listener);

        await using var client = await TlsClient.Connect(endpoint, Certs.AuthorityPath, token, clientCertificate: Certs.Client().Certificate);

        await client.AssertEchoes("with a certificate", token);
        await handshakes.WaitFor("ok", 1);
    }

    [Fact]
    public async Task A_client_certificate_in_a_directory_given_as_caCerts_is_accepted()
    {
        var token = TlsClient.Deadline();
        var authorities = Directory.CreateDirectory(Path.Combine(Certs.Directory, "authorities")).FullName;
        File.Copy(Certs.AuthorityPath, Path.Combine(authorities, "ca.pem"));
        var (_, endpoint) = await ListenTls(new Factory(() => new Echo()), extra: $":caCerts={CertificateFiles.Escape(authorities)}");

        await using var client = await TlsClient.Connect(endpoint, Certs.AuthorityPath, token, clientCertificate: Certs.Client().Certificate);

        await client.AssertEchoes("trusted from a directory", token);
    }

    [Fact]
    public async Task A_client_without_a_certificate_is_refused_and_the_next_one_with_a_certificate_is_served()
    {
        var token = TlsClient.Deadline();
        var endpoint = await ListenMutual();
        using var handshakes = CountHandshakes(Listener);

        await TlsClient.ExpectRefused(() => TlsClient.Connect(endpoint, Certs.AuthorityPath, token), token);
        await handshakes.WaitFor("failed", 1);

        await using var client = await TlsClient.Connect(endpoint, Certs.AuthorityPath, token, clientCertificate: Certs.Client().Certificate);
        await client.AssertEchoes("served", token);
    }

    [Fact]
    public async Task A_self_signed_client_certificate_is_refused()
    {
        var token = TlsClient.Deadline();
        var endpoint = await ListenMutual();
        using var handshakes = CountHandshakes(Listener);
        var rogue = Certs.Client("rogue", selfSigned: true);

        await TlsClient.ExpectRefused(() => TlsClient.Connect(endpoint, Certs.AuthorityPath, token, clientCertificate: rogue.Certificate), token);

        await handshakes.WaitFor("failed", 1);
        Assert.Equal(0, handshakes["ok"]);
    }

    [Fact]
    public async Task A_client_certificate_from_another_authority_is_refused()
    {
        var token = TlsClient.Deadline();
        var endpoint = await ListenMutual();
        using var strangers = TestCertificates.Create("Someone Else's CA");

        await TlsClient.ExpectRefused(
            () => TlsClient.Connect(endpoint, Certs.AuthorityPath, token, clientCertificate: strangers.Client().Certificate), token);
    }
}

public sealed class MutualTlsTestsOnActorEcho(ITestOutputHelper output) : MutualTlsTests(output, TransportNames.ActorEcho);

public sealed class MutualTlsTestsOnAkkaIo(ITestOutputHelper output) : MutualTlsTests(output, TransportNames.AkkaIo);
