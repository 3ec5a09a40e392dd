using System.Net;
using ActorEcho.Protocols.Endpoints;
using ActorEcho.TestKit.Tls;
using Xunit.Abstractions;
using static ActorEcho.Protocols.Endpoints.Endpoints;

namespace ActorEcho.Tests.Protocols.Endpoints;

/// <summary>
/// <c>ssl:</c> and <c>tls:</c> as Twisted spells them: positional values in Twisted's order, its defaults, and the
/// certificate files read when the endpoint is made, so a missing file or a key that does not fit fails there.
/// </summary>
public sealed class TlsEndpointStringTests(ITestOutputHelper output) : AkkaSpec(output)
{
    [Fact]
    public void An_ssl_server_string_gives_port_files_and_options()
    {
        var ssl = Assert.IsType<SslServerEndpointDescription>(EndpointString.ParseServer(
            @"ssl:8443:privateKey=k.pem:certKey=c.pem:interface=127.0.0.1:backlog=7:extraCertChain=chain.pem:caCerts=cas:alpn=h2,http/1.1"));

        Assert.Equal((8443, IPAddress.Loopback, 7), (ssl.Port, ssl.Interface, ssl.Backlog));
        Assert.Equal(("k.pem", "c.pem", "chain.pem", "cas"), (ssl.PrivateKey, ssl.CertKey, ssl.ExtraCertChain, ssl.CaCerts));
        Assert.Equal(["h2", "http/1.1"], ssl.Alpn);
        Assert.Equal(EndpointKind.Ssl, ssl.Kind);
    }

    [Fact]
    public void Twisted_defaults_apply_a_key_file_holding_the_certificate_too()
    {
        var bare = Assert.IsType<SslServerEndpointDescription>(EndpointString.ParseServer("ssl:443"));
        var positional = Assert.IsType<SslServerEndpointDescription>(EndpointString.ParseServer("ssl:443:both.pem"));

        Assert.Equal(("server.pem", "server.pem", IPAddress.Any, 50), (bare.PrivateKey, bare.CertKey, bare.Interface, bare.Backlog));
        Assert.Equal(("both.pem", "both.pem"), (positional.PrivateKey, positional.CertKey));
    }

    [Fact]
    public void A_tls_client_string_checks_the_host_name_unless_told_not_to()
    {
        var plain = Assert.IsType<TlsClientEndpointDescription>(EndpointString.ParseClient("tls:example.com:443"));
        var relaxed = Assert.IsType<TlsClientEndpointDescription>(EndpointString.ParseClient(
            "tls:host=example.com:port=443:trustRoots=ca.pem:certificate=me.pem:privateKey=me.key:verifyHostname=0:timeout=2:alpn=h2"));

        Assert.Equal(("example.com", 443, true, (string?)null), (plain.Host, plain.Port, plain.VerifyHostname, plain.TrustRoots));
        Assert.Equal((false, "ca.pem", "me.pem", "me.key", TimeSpan.FromSeconds(2)),
            (relaxed.VerifyHostname, relaxed.TrustRoots, relaxed.Certificate, relaxed.PrivateKey, relaxed.Timeout));
        Assert.Equal(["h2"], relaxed.Alpn);
    }

    [Theory]
    [InlineData("ssl:443:sslmethod=TLSv1_2_METHOD", "sslmethod is not supported")]
    [InlineData("ssl:443:alpn=h2,,x", "alpn \"h2,,x\" has an empty entry")]
    [InlineData("tls:8443", "tls: is a client endpoint")]
    public void Malformed_ssl_server_strings_name_the_problem(string description, string problem)
    {
        var error = Assert.Throws<EndpointStringException>(() => EndpointString.ParseServer(description));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tls:example.com:443:privateKey=k.pem", "privateKey needs certificate")]
    [InlineData("tls:example.com:443:verifyHostname=no", "verifyHostname \"no\" must be 0 or 1")]
    [InlineData("ssl:example.com:443", "ssl: is a server endpoint here")]
    public void Malformed_tls_client_strings_name_the_problem(string description, string problem)
    {
        var error = Assert.Throws<EndpointStringException>(() => EndpointString.ParseClient(description));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_certificate_file_is_named_when_the_endpoint_is_made()
    {
        var error = Assert.Throws<EndpointStringException>(() => ServerFromString(Sys, "ssl:0:privateKey=/nonexistent/key.pem:certKey=/nonexistent/cert.pem"));

        Assert.Contains("certKey /nonexistent/cert.pem does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_does_not_match_its_certificate_is_named_when_the_endpoint_is_made()
    {
        using var certificates = TestCertificates.Create();
        var server = certificates.Server();
        var other = certificates.Server("other");

        var error = Assert.Throws<EndpointStringException>(() => ServerFromString(Sys,
            $"ssl:0:privateKey={CertificateFiles.Escape(other.KeyPath)}:certKey={CertificateFiles.Escape(server.CertificatePath)}"));

        Assert.Contains($"privateKey {other.KeyPath} does not match the certificate in certKey {server.CertificatePath}", error.Message, StringComparison.Ordinal);
    }
}
