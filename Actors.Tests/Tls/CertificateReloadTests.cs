using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using ActorEcho.TestKit.Tls;
using Akka.Event;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Tls;

/// <summary>
/// A listener's certificate files replaced on disk are picked up by the next connection (checked on every connection
/// here: reload-check-interval = 0s); connections made before keep theirs; a pair that fails to load leaves the last good one.
/// </summary>
public abstract class CertificateReloadTests(ITestOutputHelper output, string transport)
    : TlsSpec(output, transport, config: "actor-echo.tls.reload-check-interval = 0s")
{
    [Fact]
    public async Task The_next_connection_sees_the_replaced_certificate_and_an_earlier_connection_keeps_working()
    {
        var token = TlsClient.Deadline();
        WatchLog();
        var live = Certs.Server("live");
        var (_, endpoint) = await ListenTls(new Factory(() => new Echo()), live);
        await using var before = await TlsClient.Connect(endpoint, Certs.AuthorityPath, token);
        Assert.Equal(live.Certificate.Thumbprint, before.Stream.RemoteCertificate!.GetCertHashString());

        var next = Certs.Server("next");
        Replace(live, next);

        await using var after = await TlsClient.Connect(endpoint, Certs.AuthorityPath, token);
        Assert.Equal(next.Certificate.Thumbprint, after.Stream.RemoteCertificate!.GetCertHashString());
        await ExpectLog<Info>("TLS certificate reloaded from", live.CertificatePath, "CN=localhost");
        await after.AssertEchoes("new certificate", token);
        await before.AssertEchoes("old certificate, same connection", token);
    }

    [Fact]
    public async Task A_replaced_pair_that_does_not_load_is_logged_and_the_last_good_one_is_kept()
    {
        var token = TlsClient.Deadline();
        WatchLog();
        var live = Certs.Server("live");
        var (_, endpoint) = await ListenTls(new Factory(() => new Echo()), live);
        await using (var first = await TlsClient.Connect(endpoint, Certs.AuthorityPath, token))
        {
            await first.AssertEchoes("first", token);
        }

        // A new certificate beside the old key: the pair does not match.
        var stranger = Certs.Server("stranger");
        File.Copy(stranger.CertificatePath, live.CertificatePath, overwrite: true);
        Touch(live.CertificatePath);

        await using var after = await TlsClient.Connect(endpoint, Certs.AuthorityPath, token);
        Assert.Equal(live.Certificate.Thumbprint, after.Stream.RemoteCertificate!.GetCertHashString());
        await after.AssertEchoes("still the old pair", token);
        await ExpectLog<Warning>(live.CertificatePath);
    }

    /// <summary>Writes <paramref name="replacement"/>'s key and certificate over <paramref name="target"/>'s files.</summary>
    private static void Replace(CertificateFiles target, CertificateFiles replacement)
    {
        File.Copy(replacement.KeyPath, target.KeyPath, overwrite: true);
        File.Copy(replacement.CertificatePath, target.CertificatePath, overwrite: true);
        Touch(target.KeyPath);
        Touch(target.CertificatePath);
    }

    // A copy within the same clock tick as the original write could leave the modification time unchanged on a
    // coarse-grained file system; moving it on makes the change visible to a check by modification time.
    private static void Touch(string path) => File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(10));
}

public sealed class CertificateReloadTestsOnActorEcho(ITestOutputHelper output) : CertificateReloadTests(output, TransportNames.ActorEcho);

public sealed class CertificateReloadTestsOnAkkaIo(ITestOutputHelper output) : CertificateReloadTests(output, TransportNames.AkkaIo);
