using System.Security.Cryptography.X509Certificates;

namespace ActorEcho.Bench.Baselines;

/// <summary>
/// A TLS server's certificate and private key as PEM files: what compare hands every TLS server of a run (the same
/// files to each), on the command line of `serve` and in the Host's `ssl:` endpoint.
/// </summary>
internal sealed record ServerCertificateFiles(string CertificatePath, string KeyPath)
{
    /// <summary>The pair as one certificate with its key, for SslStream-based servers (Kestrel).</summary>
    public X509Certificate2 Load() => X509Certificate2.CreateFromPemFile(CertificatePath, KeyPath);
}
