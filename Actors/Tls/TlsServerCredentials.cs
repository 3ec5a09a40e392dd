using System.Diagnostics;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ActorEcho.Protocols.Endpoints;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Tls;

/// <summary>
/// A TLS listener's certificate, key, chain and client-certificate policy as handshake options, reloaded when the
/// files change: the factory actor asks <see cref="ReloadIfChanged"/> as connections arrive (at most once per
/// check interval), and every connection after a successful reload uses the new pair; one already open keeps its own.
/// </summary>
internal sealed class TlsServerCredentials
{
    private readonly SslServerEndpointDescription _endpoint;
    private readonly SslProtocols _versions;
    private volatile SslServerAuthenticationOptions _options;
    private FileStamp[] _stamps;
    private long _lastCheck;

    private TlsServerCredentials(SslServerEndpointDescription endpoint, SslProtocols versions)
    {
        _endpoint = endpoint;
        _versions = versions;
        _stamps = Stamps();
        (_options, _) = Build();
        _lastCheck = Stopwatch.GetTimestamp();
    }

    /// <exception cref="TlsFileException">A file is missing or unreadable, or the key does not match the certificate.</exception>
    public static TlsServerCredentials Load(SslServerEndpointDescription endpoint, SslProtocols versions) => new(endpoint, versions);

    /// <summary>What a new connection's handshake uses.</summary>
    public SslServerAuthenticationOptions Options => _options;

    /// <summary>Loads the files again if they changed since the last look (and that was at least <paramref name="interval"/> ago).</summary>
    public void ReloadIfChanged(TimeSpan interval, ILogger log)
    {
        var now = Stopwatch.GetTimestamp();
        if (Stopwatch.GetElapsedTime(_lastCheck, now) < interval) return;
        _lastCheck = now;
        var stamps = Stamps();
        if (stamps.AsSpan().SequenceEqual(_stamps)) return;
        _stamps = stamps; // a pair that fails to load is not tried again until it changes again
        try
        {
            var (options, certificate) = Build();
            _options = options;
            log.LogInformation(TlsEvents.CertificateReloaded, "TLS certificate reloaded from {CertKey}: {Subject}, valid until {NotAfter:u}",
                _endpoint.CertKey, certificate.Subject, certificate.NotAfter.ToUniversalTime());
        }
        catch (Exception exception) when (exception is TlsFileException or IOException or UnauthorizedAccessException)
        {
            log.LogWarning(TlsEvents.CertificateReloadFailed, "TLS certificate files changed but could not be loaded ({Reason}); new connections keep the previous certificate",
                exception.Message);
        }
    }

    private FileStamp[] Stamps() =>
        [TlsFiles.Stamp(_endpoint.CertKey), TlsFiles.Stamp(_endpoint.PrivateKey), _endpoint.ExtraCertChain is { } chain ? TlsFiles.Stamp(chain) : default];

    private (SslServerAuthenticationOptions, X509Certificate2) Build()
    {
        var certificate = TlsFiles.LoadPair("certKey", _endpoint.CertKey, "privateKey", _endpoint.PrivateKey);
        var chain = _endpoint.ExtraCertChain is { } chainPath ? TlsFiles.LoadCertificates("extraCertChain", chainPath) : null;
        var options = new SslServerAuthenticationOptions
        {
            // offline: the chain sent is built from what is given here, never fetched.
            ServerCertificateContext = SslStreamCertificateContext.Create(certificate, chain, offline: true),
            EnabledSslProtocols = _versions,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            AllowRenegotiation = false,
            ApplicationProtocols = TlsOptionParts.Protocols(_endpoint.Alpn),
        };

        if (_endpoint.CaCerts is { } authorities)
        {
            options.ClientCertificateRequired = true;
            options.CertificateChainPolicy = TlsOptionParts.TrustOnly(TlsFiles.LoadCertificates("caCerts", authorities));
        }

        return (options, certificate);
    }
}
