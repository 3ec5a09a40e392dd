using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using ActorEcho.TestKit.Tls;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Tls;

/// <summary><c>openssl s_client</c> (OpenSSL's own TLS stack) as the client of an <c>ssl:</c> listener.</summary>
public abstract class OpenSslClientTests(ITestOutputHelper output, string transport) : TlsSpec(output, transport)
{
    [Fact]
    public async Task S_client_verifying_the_server_gets_its_lines_echoed_and_leaves_cleanly()
    {
        var (_, endpoint) = await ListenTls(new Factory(() => new Echo()));
        await using var client = SClient(endpoint.Port);

        await client.Write("hello from openssl\n");
        await client.WaitForOutput("hello from openssl");
        await client.Write("second line\n");
        await client.WaitForOutput("second line");
        client.CloseInput(); // s_client sends close_notify and exits

        Assert.True(await client.WaitForExit() == 0, client.Transcript);
    }

    [Fact]
    public async Task With_caCerts_a_client_certificate_from_the_authority_is_accepted()
    {
        var clientFiles = Certs.Client();
        var (_, endpoint) = await ListenTls(new Factory(() => new Echo()), extra: $":caCerts={CertificateFiles.Escape(Certs.AuthorityPath)}");
        await using var client = SClient(endpoint.Port, "-cert", clientFiles.CertificatePath, "-key", clientFiles.KeyPath);

        await client.Write("mutual\n");
        await client.WaitForOutput("mutual");
        client.CloseInput();

        Assert.True(await client.WaitForExit() == 0, client.Transcript);
    }

    [Fact]
    public async Task With_caCerts_a_client_without_a_certificate_is_refused_and_counted_failed()
    {
        var (_, endpoint) = await ListenTls(new Factory(() => new Echo()) { Name = "mutual" },
            extra: $":caCerts={CertificateFiles.Escape(Certs.AuthorityPath)}");
        using var handshakes = CountHandshakes("mutual");
        await using var client = SClient(endpoint.Port);

        // Under TLS 1.3 the client finishes its side before the server has checked for a certificate, so the refusal
        // shows when the server closes the connection: s_client exits with the line never echoed.
        await client.Write("should not come back\n");
        await client.WaitForExit();

        Assert.DoesNotContain("should not come back", client.StandardOutput);
        await handshakes.WaitFor("failed", 1);
        Assert.Equal(0, handshakes["ok"]);
    }

    /// <summary>s_client verifying the server's name too, leaving when its input ends.</summary>
    private InteropProcess SClient(int port, params string[] extra) =>
        InteropProcess.SClient(port, Certs.AuthorityPath, ["-verify_hostname", "localhost", "-no_ign_eof", .. extra]);
}

public sealed class OpenSslClientTestsOnActorEcho(ITestOutputHelper output) : OpenSslClientTests(output, TransportNames.ActorEcho);

public sealed class OpenSslClientTestsOnAkkaIo(ITestOutputHelper output) : OpenSslClientTests(output, TransportNames.AkkaIo);
