using ActorEcho.IO;
using ActorEcho.Tests.Protocols.Transport;
using Xunit.Abstractions;
using static ActorEcho.Tests.Protocols.Transport.TransportSupport;

namespace ActorEcho.Tests.Tls;

/// <summary>
/// Back-pressure through TLS as without it: a streaming producer writing to a client that does not read is paused
/// once more than the high-water mark is pending, whether the bytes wait as ciphertext for the socket or as plaintext
/// held until the handshake completes; nothing is lost.
/// </summary>
public abstract class TlsBackPressureTests(ITestOutputHelper output, string transport) : TlsSpec(output, transport)
{
    private const long Total = 32L * 1024 * 1024; // far more than the sockets on both ends can hold

    // A piece of plaintext grows by a record header and tag when encrypted (about 22 bytes per 16 KiB record in TLS 1.3,
    // up to 29 in TLS 1.2); this leaves room for that and no more.
    private const int RecordOverhead = 1024;

    [Fact]
    public async Task A_producer_to_a_TLS_client_that_does_not_read_is_paused_with_a_bounded_backlog_and_loses_nothing()
    {
        var token = TlsClient.Deadline(TimeSpan.FromSeconds(60));
        var (pauses, end) = (CreateTestProbe(), CreateTestProbe());
        var (_, endpoint) = await ListenTls(PatternProducer.Producing(Total, pauses.Ref, end.Ref));
        await using var client = await TlsClient.Connect(endpoint, Certs.AuthorityPath, token, receiveBuffer: 64 * 1024);

        var pendingAtPause = await pauses.ExpectMsgAsync<long>(TlsClient.Timeout);
        Assert.InRange(pendingAtPause, HighWaterMark + 1, HighWaterMark + PatternProducer.Piece + RecordOverhead);
        await end.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(500)); // not reading: the producer cannot get to the end

        var data = await client.ReadToEnd(token);

        Assert.Equal(Total, data.Length);
        Assert.Equal(-1, FirstMismatch(data, 0));
        Assert.InRange(await end.ExpectMsgAsync<long>(TlsClient.Timeout), HighWaterMark + 1, HighWaterMark + PatternProducer.Piece + RecordOverhead);
    }

    [Fact]
    public async Task Plaintext_held_before_the_handshake_pauses_the_producer_and_leaves_encrypted_after_it()
    {
        var token = TlsClient.Deadline(TimeSpan.FromSeconds(60));
        var (pauses, end) = (CreateTestProbe(), CreateTestProbe());
        var (_, endpoint) = await ListenTls(PatternProducer.Producing(Total, pauses.Ref, end.Ref));

        // Connected but silent: the producer starts in ConnectionMade and everything it writes is held as plaintext.
        var socket = await TlsClient.ConnectTcp(endpoint, token, receiveBuffer: 64 * 1024);
        var pendingAtPause = await pauses.ExpectMsgAsync<long>(TlsClient.Timeout);
        Assert.InRange(pendingAtPause, HighWaterMark + 1, HighWaterMark + PatternProducer.Piece);

        await using var client = await TlsClient.Handshake(socket, Certs.AuthorityPath, token);
        var data = await client.ReadToEnd(token);

        Assert.Equal(Total, data.Length);
        Assert.Equal(-1, FirstMismatch(data, 0));
        await end.ExpectMsgAsync<long>(TlsClient.Timeout);
    }
}

public sealed class TlsBackPressureTestsOnActorEcho(ITestOutputHelper output) : TlsBackPressureTests(output, TransportNames.ActorEcho);

public sealed class TlsBackPressureTestsOnAkkaIo(ITestOutputHelper output) : TlsBackPressureTests(output, TransportNames.AkkaIo);
