using System.Security.Authentication;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using ActorEcho.TestKit.Tls;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Tls;

/// <summary><c>extraCertChain=</c>: intermediates sent after the leaf let a client that trusts only the root verify the server.</summary>
public abstract class CertificateChainTests(ITestOutputHelper output, string transport) : TlsSpec(output, transport)
{
    [Fact]
    public async Task With_the_intermediate_in_extraCertChain_a_client_trusting_only_the_root_is_served()
    {
        var token = TlsClient.Deadline();
        var (leaf, chain) = Certs.ServerViaIntermediate();
        var (_, endpoint) = await ListenTls(new Factory(() => new Echo()), leaf, extra: $":extraCertChain={CertificateFiles.Escape(chain)}");

        await using var client = await TlsClient.Connect(endpoint, Certs.AuthorityPath, token);
        await client.AssertEchoes("chained", token);

        await using var openssl = InteropProcess.SClient(endpoint.Port, Certs.AuthorityPath, "-no_ign_eof");
        await openssl.Write("chained for openssl\n");
        await openssl.WaitForOutput("chained for openssl");
        openssl.CloseInput();
        Assert.True(await openssl.WaitForExit() == 0, openssl.Transcript);
    }

    [Fact]
    public async Task Without_the_intermediate_a_client_trusting_only_the_root_cannot_verify_the_server()
    {
        var token = TlsClient.Deadline();
        var (leaf, _) = Certs.ServerViaIntermediate();
        var (_, endpoint) = await ListenTls(new Factory(() => new Echo()), leaf);

        await Assert.ThrowsAsync<AuthenticationException>(() => TlsClient.Connect(endpoint, Certs.AuthorityPath, token));
    }
}

public sealed class CertificateChainTestsOnActorEcho(ITestOutputHelper output) : CertificateChainTests(output, TransportNames.ActorEcho);

public sealed class CertificateChainTestsOnAkkaIo(ITestOutputHelper output) : CertificateChainTests(output, TransportNames.AkkaIo);
