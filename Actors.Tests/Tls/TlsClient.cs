using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ActorEcho.Tests.Tls;

/// <summary>
/// A .NET SslStream client over a loopback socket, trusting only the given authority (never the machine's store).
/// Every operation is bounded by the token from <see cref="Deadline"/>.
/// </summary>
internal sealed class TlsClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly byte[] _lineBuffer = new byte[1];

    private TlsClient(Socket socket, SslStream stream)
    {
        Socket = socket;
        Stream = stream;
    }

    public Socket Socket { get; }

    public SslStream Stream { get; }

    public static CancellationToken Deadline(TimeSpan? within = null) => new CancellationTokenSource(within ?? Timeout).Token;

    /// <summary>A plain TCP connection, not yet TLS, with a small receive window when asked (for back-pressure tests).</summary>
    public static async Task<Socket> ConnectTcp(IPEndPoint server, CancellationToken token, int? receiveBuffer = null)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        // Before connecting: the window scale is agreed in the TCP handshake.
        if (receiveBuffer is { } size) socket.ReceiveBufferSize = size;
        await socket.ConnectAsync(server, token);
        return socket;
    }

    /// <summary>Connects and completes the handshake; throws <see cref="AuthenticationException"/> when it fails.</summary>
    public static async Task<TlsClient> Connect(IPEndPoint server, string authorityPath, CancellationToken token, string host = "localhost",
        X509Certificate2? clientCertificate = null, int? receiveBuffer = null)
    {
        var socket = await ConnectTcp(server, token, receiveBuffer);
        try
        {
            return await Handshake(socket, authorityPath, token, host, clientCertificate);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The TLS handshake over an already connected socket, which the client then owns.</summary>
    public static async Task<TlsClient> Handshake(Socket socket, string authorityPath, CancellationToken token, string host = "localhost",
        X509Certificate2? clientCertificate = null)
    {
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: true));
        try
        {
            await stream.AuthenticateAsClientAsync(ClientOptions(authorityPath, host, clientCertificate), token);
            return new TlsClient(socket, stream);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    public static SslClientAuthenticationOptions ClientOptions(string authorityPath, string host, X509Certificate2? clientCertificate) => new()
    {
        TargetHost = host,
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        CertificateChainPolicy = TrustOnly(authorityPath),
        ClientCertificates = clientCertificate is null ? null : [clientCertificate],
    };

    /// <summary>A chain policy that trusts the PEM file's certificate(s) and nothing else.</summary>
    public static X509ChainPolicy TrustOnly(string authorityPath)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(authorityPath);
        policy.CustomTrustStore.AddRange(roots);
        return policy;
    }

    public Task Write(string text, CancellationToken token) => Write(Encoding.ASCII.GetBytes(text), token);

    public async Task Write(ReadOnlyMemory<byte> data, CancellationToken token)
    {
        await Stream.WriteAsync(data, token);
        await Stream.FlushAsync(token);
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes; fails if the server closes first.</summary>
    public async Task<byte[]> ReadExactly(int count, CancellationToken token)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await Stream.ReadAsync(buffer.AsMemory(read), token);
            if (n == 0) throw new IOException($"The server closed after {read} of {count} bytes.");
            read += n;
        }

        return buffer;
    }

    /// <summary>One line without its CRLF or LF; null when the server closes before a line ends.</summary>
    public async Task<string?> ReadLine(CancellationToken token)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (await Stream.ReadAsync(_lineBuffer, token) == 0) return null;
            var c = (char)_lineBuffer[0];
            if (c == '\n') return line.ToString().TrimEnd('\r');
            line.Append(c);
        }
    }

    /// <summary>Sends a line and reads it back from an echo.</summary>
    public async Task AssertEchoes(string line, CancellationToken token)
    {
        await Write(line + "\r\n", token);
        Assert.Equal(line, await ReadLine(token));
    }

    /// <summary>Reads until the server closes (close_notify or EOF) and returns everything read.</summary>
    public async Task<byte[]> ReadToEnd(CancellationToken token)
    {
        using var all = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = await Stream.ReadAsync(buffer, token)) > 0) all.Write(buffer, 0, n);
        return all.ToArray();
    }

    /// <summary>
    /// Asserts the server refuses this client: the handshake fails, or (TLS 1.3, where the client finishes first and
    /// the server checks its certificate after) the first read after a write fails or ends without data.
    /// </summary>
    public static async Task ExpectRefused(Func<Task<TlsClient>> connect, CancellationToken token)
    {
        TlsClient client;
        try
        {
            client = await connect();
        }
        catch (Exception error) when (error is AuthenticationException or IOException)
        {
            return;
        }

        await using (client)
        {
            try
            {
                await client.Write("refused?\r\n", token);
                var read = await client.Stream.ReadAsync(new byte[64], token);
                Assert.True(read == 0, $"the server answered {read} bytes to a client it should have refused");
            }
            catch (Exception error) when (error is AuthenticationException or IOException)
            {
                // the server's alert or reset: refused
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        Socket.Dispose();
    }
}
