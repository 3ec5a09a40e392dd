using ActorEcho.IO;
using ActorEcho.Protocols.Hosting;
using ActorEcho.Protocols;
using ActorEcho.Tests.Protocols.Model;
using Akka.Actor;
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
    // Over TLS the protocol host writes to the TLS layer, whose pending bytes are the connection's unsent ciphertext plus
    // the plaintext it holds until the handshake completes (the actor's own count, TransportSupport.CurrentConnection,
    // sees the ciphertext only).
    private static long PendingOf(ITransport transport) =>
        (transport as ProtocolHost ?? throw new InvalidOperationException("The transport is not a ProtocolHost.")).Connection.PendingWriteBytes;

    private const long Total = 32L * 1024 * 1024; // far more than the sockets on both ends can hold

    // A piece of plaintext grows by a record header and tag when encrypted (about 22 bytes per 16 KiB record in TLS 1.3,
    // up to 29 in TLS 1.2); this leaves room for that and no more.
    private const int RecordOverhead = 1024;

    [Fact]
    public async Task A_producer_to_a_TLS_client_that_does_not_read_is_paused_with_a_bounded_backlog_and_loses_nothing()
    {
        var token = TlsClient.Deadline(TimeSpan.FromSeconds(60));
        var (pauses, end) = (CreateTestProbe(), CreateTestProbe());
        var (_, endpoint) = await ListenTls(Producing(pauses.Ref, end.Ref));
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
        var (_, endpoint) = await ListenTls(Producing(pauses.Ref, end.Ref));

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

    private static Factory Producing(IActorRef pauses, IActorRef end) => new(() => new ScriptedProtocol
    {
        Made = p =>
        {
            var producer = new PatternProducer(p.Transport, Total, pauses, end);
            p.Transport.RegisterProducer(producer, streaming: true);
            producer.Produce();
        },
    });

    /// <summary>
    /// Writes the pattern in pieces while not paused, up to a total, then closes. Tells <c>pauses</c> the transport's
    /// pending bytes at the first pause and <c>end</c> the most it saw pending.
    /// </summary>
    private sealed class PatternProducer(ITransport transport, long total, IActorRef pauses, IActorRef end) : IPushProducer
    {
        public const int Piece = 16 * 1024;

        private long _produced;
        private bool _paused;
        private bool _producing;
        private bool _pausedOnce;
        private long _mostPending;

        public void PauseProducing()
        {
            _paused = true;
            if (_pausedOnce) return;
            _pausedOnce = true;
            pauses.Tell(PendingOf(transport), ActorRefs.NoSender); // on the connection's turn, inside Write
        }

        public void ResumeProducing()
        {
            _paused = false;
            Produce();
        }

        public void StopProducing()
        {
        }

        public void Produce()
        {
            if (_producing) return;
            _producing = true;
            while (!_paused && _produced < total)
            {
                var count = (int)Math.Min(Piece, total - _produced);
                transport.Write(Pattern(_produced, count)); // pauses this producer, inside the call, past the mark
                _produced += count;
                _mostPending = Math.Max(_mostPending, PendingOf(transport));
            }

            _producing = false;
            if (_produced < total) return;
            transport.UnregisterProducer();
            transport.LoseConnection();
            end.Tell(_mostPending, ActorRefs.NoSender);
        }
    }
}

public sealed class TlsBackPressureTestsOnActorEcho(ITestOutputHelper output) : TlsBackPressureTests(output, TransportNames.ActorEcho);

public sealed class TlsBackPressureTestsOnAkkaIo(ITestOutputHelper output) : TlsBackPressureTests(output, TransportNames.AkkaIo);
