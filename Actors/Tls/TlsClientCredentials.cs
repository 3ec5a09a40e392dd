using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ActorEcho.Protocols.Endpoints;

namespace ActorEcho.Tls;

/// <summary>A <c>tls:</c> endpoint's handshake options: the name to check, the roots to trust, the certificate to present.</summary>
internal static class TlsClientCredentials
{
    /// <exception cref="TlsFileException">A file is missing or unreadable, or the key does not match the certificate.</exception>
    public static SslClientAuthenticationOptions Load(TlsClientEndpointDescription endpoint, SslProtocols versions)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = endpoint.Host, // sent as SNI, and the name the certificate must carry
            EnabledSslProtocols = versions,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            AllowRenegotiation = false,
            ApplicationProtocols = TlsOptionParts.Protocols(endpoint.Alpn),
        };

        if (endpoint.TrustRoots is { } roots) options.CertificateChainPolicy = TlsOptionParts.TrustOnly(TlsFiles.LoadCertificates("trustRoots", roots));
        if (!endpoint.VerifyHostname)
            options.RemoteCertificateValidationCallback = static (_, _, _, errors) => (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None;
        if (endpoint.Certificate is { } certificate)
        {
            var pair = TlsFiles.LoadPair("certificate", certificate, "privateKey", endpoint.PrivateKey ?? certificate);
            options.ClientCertificateContext = SslStreamCertificateContext.Create(pair, null, offline: true);
        }

        return options;
    }
}

/// <summary>The option pieces both sides build the same way.</summary>
internal static class TlsOptionParts
{
    public static List<SslApplicationProtocol>? Protocols(IReadOnlyList<string> names) =>
        names.Count == 0 ? null : names.Select(name => new SslApplicationProtocol(name)).ToList();

    /// <summary>A chain policy that trusts exactly <paramref name="roots"/>, not the system's store, and checks no revocation lists.</summary>
    public static X509ChainPolicy TrustOnly(X509Certificate2Collection roots)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(roots);
        return policy;
    }
}
