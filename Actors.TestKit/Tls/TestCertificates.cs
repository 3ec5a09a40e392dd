using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorEcho.TestKit.Tls;

/// <summary>
/// Certificates made on the spot for tests and benchmarks, so no key file is ever committed: one certificate authority
/// per instance, and server and client certificates it issues, each written as PEM files into a directory of its own
/// that <see cref="Dispose"/> deletes. Keys are ECDSA P-256 unless asked otherwise.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly ECDsa _authorityKey;

    private TestCertificates(string directory, string authorityName)
    {
        Directory = directory;
        _authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={authorityName}", _authorityKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        AuthorityPath = Path.Combine(directory, "ca.pem");
        File.WriteAllText(AuthorityPath, Authority.ExportCertificatePem());
    }

    /// <summary>A new authority whose certificate is written to <see cref="AuthorityPath"/> in a fresh temporary directory.</summary>
    public static TestCertificates Create(string authorityName = "ActorEcho Test CA")
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("actorecho-tls-").FullName;
        return new TestCertificates(directory, authorityName);
    }

    /// <summary>Where every file of this instance is written.</summary>
    public string Directory { get; }

    /// <summary>The authority's certificate, with its private key.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The authority's certificate as a PEM file: what a peer trusts (caCerts=, trustRoots=, openssl -CAfile).</summary>
    public string AuthorityPath { get; }

    /// <summary>
    /// A server certificate for <paramref name="host"/>, also valid for 127.0.0.1 and ::1, written as
    /// <c>NAME.crt.pem</c> and <c>NAME.key.pem</c>. <paramref name="notAfter"/> in the past makes an expired one;
    /// <paramref name="selfSigned"/> makes one no authority vouches for.
    /// </summary>
    public CertificateFiles Server(string name = "server", string host = "localhost", DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null, bool selfSigned = false, bool rsa = false)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        return Issue(name, $"CN={host}", names.Build(), "1.3.6.1.5.5.7.3.1", notBefore, notAfter, selfSigned, rsa);
    }

    /// <summary>
    /// A server certificate like <see cref="Server"/>'s issued by a new intermediate authority, which the root signs:
    /// a peer trusting only <see cref="AuthorityPath"/> accepts it when the server sends the intermediate too, written to
    /// <c>NAME.chain.pem</c> (<c>extraCertChain=</c>).
    /// </summary>
    public (CertificateFiles Leaf, string ChainPath) ServerViaIntermediate(string name = "chained", string host = "localhost")
    {
        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=ActorEcho Test Intermediate {name}", intermediateKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Authority, true, false));
        using var signed = request.Create(Authority.SubjectName, X509SignatureGenerator.CreateForECDsa(_authorityKey),
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(60), RandomNumberGenerator.GetBytes(12));
        using var intermediate = signed.CopyWithPrivateKey(intermediateKey);
        var chainPath = Path.Combine(Directory, $"{name}.chain.pem");
        File.WriteAllText(chainPath, intermediate.ExportCertificatePem());

        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        var leaf = Issue(name, $"CN={host}", names.Build(), "1.3.6.1.5.5.7.3.1", null, null, selfSigned: false, rsa: false, (intermediate, intermediateKey));
        return (leaf, chainPath);
    }

    /// <summary>A client certificate (for mutual TLS) named <paramref name="subject"/>, written like <see cref="Server"/>'s.</summary>
    public CertificateFiles Client(string name = "client", string subject = "ActorEcho Test Client", DateTimeOffset? notAfter = null,
        bool selfSigned = false)
        => Issue(name, $"CN={subject}", null, "1.3.6.1.5.5.7.3.2", null, notAfter, selfSigned, rsa: false);

    private CertificateFiles Issue(string name, string subject, X509Extension? alternativeNames, string usage,
        DateTimeOffset? notBefore, DateTimeOffset? notAfter, bool selfSigned, bool rsa, (X509Certificate2 Certificate, ECDsa Key)? issuer = null)
    {
        using AsymmetricAlgorithm key = rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = key is RSA rsaKey
            ? new CertificateRequest(subject, rsaKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest(subject, (ECDsa)key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        if (alternativeNames is not null) request.CertificateExtensions.Add(alternativeNames);
        var from = notBefore ?? DateTimeOffset.UtcNow.AddDays(-1);
        var until = notAfter ?? DateTimeOffset.UtcNow.AddDays(30);
        X509Certificate2 certificate;
        if (selfSigned)
        {
            certificate = request.CreateSelfSigned(from, until); // carries its key already
        }
        else
        {
            var (issuerCertificate, issuerKey) = issuer ?? (Authority, _authorityKey);
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuerCertificate, true, false));
            var serial = RandomNumberGenerator.GetBytes(12);
            using var issued = request.Create(issuerCertificate.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), from, until, serial);
            certificate = key is RSA r ? issued.CopyWithPrivateKey(r) : issued.CopyWithPrivateKey((ECDsa)key);
        }

        var certificatePath = Path.Combine(Directory, $"{name}.crt.pem");
        var keyPath = Path.Combine(Directory, $"{name}.key.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return new CertificateFiles(certificatePath, keyPath, certificate);
    }

    public void Dispose()
    {
        _authorityKey.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A process under test may still hold a file open; the temporary directory is the OS's to clean then.
        }
    }
}

/// <summary>One issued certificate: its PEM files and the certificate itself, with its private key.</summary>
public sealed record CertificateFiles(string CertificatePath, string KeyPath, X509Certificate2 Certificate)
{
    /// <summary>Twisted's server endpoint keywords for this pair: <c>privateKey=KEY:certKey=CERT</c>, colons escaped.</summary>
    public string ServerKeywords => $"privateKey={Escape(KeyPath)}:certKey={Escape(CertificatePath)}";

    /// <summary>An endpoint-string value with ':' and '\' escaped, as Twisted's parser wants them.</summary>
    public static string Escape(string value) => value.Replace(@"\", @"\\").Replace(":", @"\:");
}
