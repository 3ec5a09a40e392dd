using ActorEcho.Bench.Baselines;
using ActorEcho.Bench.Compare;

namespace ActorEcho.Tests.Bench;

// compare's TLS plumbing without running a load: which servers the TLS shapes run against, what they are given, and
// how --shapes selects.
public sealed class TlsCompareTests
{
    private static readonly ServerCertificateFiles Certificate = new("/tmp/certs:x/server.crt.pem", "/tmp/certs:x/server.key.pem");

    [Fact]
    public void The_tls_shapes_run_against_kestrel_then_actorecho_on_both_transports_and_only_those()
    {
        var servers = ServerCatalog.Servers(TextWriter.Null, Certificate);
        var shapes = LoadShape.All(TimeSpan.Zero, TimeSpan.Zero, quick: true, "/tmp/ca.pem").Where(s => TlsShapes.Keys.Contains(s.Key)).ToArray();

        Assert.Equal(TlsShapes.Keys, shapes.Select(s => s.Key));
        Assert.All(shapes, shape =>
            Assert.Equal(["kestrel", "actorecho", ServerCatalog.OnAkkaIo], servers.Where(shape.RunsAgainst).Select(s => s.Name)));
        // The reference row is still the first server, so the TLS rows' ratio is to Kestrel's TLS row.
        Assert.Equal("kestrel", servers[0].Name);
        Assert.All(LoadShape.All(TimeSpan.Zero, TimeSpan.Zero, quick: true).Where(s => !TlsShapes.Keys.Contains(s.Key)),
            plain => Assert.DoesNotContain(servers, s => s.Protocol == BaselineProtocol.TlsEcho && plain.RunsAgainst(s)));
    }

    [Fact]
    public void Every_tls_server_gets_the_same_certificate_files()
    {
        var tls = ServerCatalog.Servers(TextWriter.Null, Certificate).Where(s => s.Protocol == BaselineProtocol.TlsEcho).ToArray();

        var kestrel = tls.Single(s => s.Name == "kestrel").ArgumentsFor(1234);
        Assert.Equal(["kestrel-tls-echo", "--port", "1234", "--cert", Certificate.CertificatePath, "--key", Certificate.KeyPath],
            kestrel.SkipWhile(a => a != "serve").Skip(1));
        foreach (var host in tls.Where(s => s.Name != "kestrel"))
        {
            var arguments = host.ArgumentsFor(4321);
            var config = File.ReadAllText(arguments[^1]);
            File.Delete(arguments[^1]);
            // The endpoint string escapes ':' in paths with '\', which HOCON's quoted string doubles.
            Assert.Contains(@"endpoint = ""ssl:4321:interface=127.0.0.1:backlog=1024:privateKey=/tmp/certs\\:x/server.key.pem:certKey=/tmp/certs\\:x/server.crt.pem""", config);
            Assert.Contains("protocol = echo", config);
        }
    }

    [Fact]
    public void Without_a_certificate_the_catalog_has_no_tls_servers()
    {
        Assert.DoesNotContain(ServerCatalog.Servers(TextWriter.Null), s => s.Protocol == BaselineProtocol.TlsEcho);
    }

    [Fact]
    public void Shapes_are_selected_by_key_and_an_unknown_key_names_the_known_ones()
    {
        Assert.Null(ShapeSelection.Parse(null));
        Assert.Equal(["tls-echo", "tls-handshakes"], ShapeSelection.Parse(" tls-echo, tls-handshakes ")!.Order());
        Assert.True(ShapeSelection.WantsTls(ShapeSelection.Parse("qotd,tls-handshakes")));
        Assert.False(ShapeSelection.WantsTls(ShapeSelection.Parse("echo-100x16,qotd")));
        Assert.True(ShapeSelection.WantsTls(null));
        var error = Assert.Throws<ArgumentException>(() => ShapeSelection.Parse("tls-echo,tls"));
        Assert.Contains("tls-handshakes", error.Message);
        Assert.Equal(ShapeSelection.KnownKeys.Count, ShapeSelection.KnownKeys.Distinct().Count());
    }
}
