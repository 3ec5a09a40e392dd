using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace ActorEcho.Bench.Load.Tls;

/// <summary>
/// The TLS shapes' client side: it trusts one authority (the run's test CA, from a PEM file) and checks the server's
/// name against the certificate, as a real client does, and it never resumes a session, so every connection pays a
/// full handshake on both sides. Protocol versions and cipher suites are the platform's defaults (TLS 1.2 and 1.3 on
/// OpenSSL), the same offer for every server.
/// </summary>
internal sealed class TlsClient(string authorityPath, string targetHost = TlsClient.DefaultTargetHost)
{
    /// <summary>The DNS name <c>TestCertificates.Server()</c> issues for (127.0.0.1 and ::1 are in it too).</summary>
    public const string DefaultTargetHost = "localhost";

    /// <summary>
    /// How long a handshake may take before it counts as failed: Kestrel's and ActorEcho's own server-side default, so a
    /// server that never answers costs a connection an error instead of hanging the run.
    /// </summary>
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly X509Certificate2 _authority = X509Certificate2.CreateFromPem(File.ReadAllText(authorityPath));
    private string? _negotiated;

    /// <summary>What the first handshake of this client negotiated (protocol and cipher suite), or null before one completed.</summary>
    public string? Negotiated => Volatile.Read(ref _negotiated);

    /// <summary>
    /// Runs the client handshake over <paramref name="socket"/>; the stream does not own the socket, so callers may abort
    /// it. A handshake over <see cref="HandshakeTimeout"/> throws an IOException, as a failed one does.
    /// </summary>
    public async Task<SslStream> AuthenticateAsync(Socket socket)
    {
        var ssl = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        using var timeout = new CancellationTokenSource(HandshakeTimeout);
        try
        {
            await ssl.AuthenticateAsClientAsync(Options(), timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            await ssl.DisposeAsync();
            throw new IOException($"TLS handshake took over {HandshakeTimeout.TotalSeconds:0} s");
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }

        Interlocked.CompareExchange(ref _negotiated, $"{ssl.SslProtocol} {ssl.NegotiatedCipherSuite}", null);
        return ssl;
    }

    // A fresh policy per handshake: the chain builder is handed it, and concurrent handshakes must not share one.
    private SslClientAuthenticationOptions Options() => new()
    {
        TargetHost = targetHost,
        // Resumption would turn every handshake after the first into an abbreviated one: not what tls-handshakes measures.
        AllowTlsResume = false,
        CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            CustomTrustStore = { _authority },
            // The test authority publishes no revocation list; checking would fail every chain.
            RevocationMode = X509RevocationMode.NoCheck,
        },
    };
}
