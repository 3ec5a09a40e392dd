using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using Xunit.Abstractions;
using static ActorEcho.Tests.Protocols.Transport.TransportSupport;

namespace ActorEcho.Tests.Tls;

/// <summary>.NET's SslStream as the client of an <c>ssl:</c> echo listener: every byte comes back, in order, decrypted.</summary>
public abstract class SslStreamEchoTests(ITestOutputHelper output, string transport) : TlsSpec(output, transport)
{
    [Theory]
    [InlineData(1)]
    [InlineData(1024 * 1024)]
    [InlineData(10 * 1024 * 1024)]
    public async Task An_echo_returns_every_byte_sent(int size)
    {
        var token = TlsClient.Deadline(TimeSpan.FromSeconds(60));
        var (_, endpoint) = await ListenTls(new Factory(() => new Echo()));
        await using var client = await TlsClient.Connect(endpoint, Certs.AuthorityPath, token);

        var echoed = await Exchange(client, size, token);

        Assert.Equal(size, echoed.Length);
        Assert.Equal(-1, FirstMismatch(echoed, 0));
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Both_TLS_1_2_and_TLS_1_3_are_negotiated(SslProtocols version)
    {
        var token = TlsClient.Deadline();
        var (_, endpoint) = await ListenTls(new Factory(() => new Echo()));
        using var socket = await TlsClient.ConnectTcp(endpoint, token);
        await using var stream = new SslStream(new System.Net.Sockets.NetworkStream(socket, ownsSocket: true));
        var options = TlsClient.ClientOptions(Certs.AuthorityPath, "localhost", null);
        options.EnabledSslProtocols = version;

        await stream.AuthenticateAsClientAsync(options, token);
        await stream.WriteAsync("ping\r\n"u8.ToArray(), token);
        var buffer = new byte[6];
        await stream.ReadExactlyAsync(buffer, token);

        Assert.Equal(version, stream.SslProtocol);
        Assert.Equal("ping\r\n"u8.ToArray(), buffer);
    }

    [Fact]
    public async Task The_certificate_names_127_0_0_1_as_well_as_localhost()
    {
        var token = TlsClient.Deadline();
        var (_, endpoint) = await ListenTls(new Factory(() => new Echo()));
        await using var client = await TlsClient.Connect(endpoint, Certs.AuthorityPath, token, host: IPAddress.Loopback.ToString());

        await client.AssertEchoes("by address", token);
        Assert.Equal(ServerFiles.Certificate.Thumbprint, client.Stream.RemoteCertificate!.GetCertHashString());
    }

    /// <summary>Writes the pattern and reads the echo at the same time, so neither side waits on the other's window.</summary>
    internal static async Task<byte[]> Exchange(TlsClient client, int size, CancellationToken token)
    {
        var writing = Task.Run(async () =>
        {
            const int Chunk = 64 * 1024;
            for (var offset = 0; offset < size; offset += Chunk)
                await client.Stream.WriteAsync(Pattern(offset, Math.Min(Chunk, size - offset)), token);
            await client.Stream.FlushAsync(token);
        }, token);
        var echoed = await client.ReadExactly(size, token);
        await writing;
        return echoed;
    }
}

public sealed class SslStreamEchoTestsOnActorEcho(ITestOutputHelper output) : SslStreamEchoTests(output, TransportNames.ActorEcho);

public sealed class SslStreamEchoTestsOnAkkaIo(ITestOutputHelper output) : SslStreamEchoTests(output, TransportNames.AkkaIo);
