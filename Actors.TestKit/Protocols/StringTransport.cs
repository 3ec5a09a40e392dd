using System.Buffers;
using System.Net;
using System.Text;
using ActorEcho.Protocols;

namespace ActorEcho.TestKit.Protocols;

/// <summary>
/// An in-memory transport that records what a protocol does to it (Twisted's StringTransport): the bytes
/// written, whether it closed, aborted or half-closed, the producer it registered and whether it paused
/// reading. Nothing is sent anywhere; a test reads <see cref="Written"/> and calls
/// <see cref="Clear"/> between steps.
/// </summary>
public sealed class StringTransport : ITransport
{
    /// <summary>The host address when none is given.</summary>
    public static readonly EndPoint DefaultHost = new IPEndPoint(IPAddress.Parse("10.0.0.1"), 12345);

    /// <summary>The peer address when none is given.</summary>
    public static readonly EndPoint DefaultPeer = new IPEndPoint(IPAddress.Parse("192.168.1.1"), 54321);

    private readonly ArrayBufferWriter<byte> _written = new();
    private readonly EndPoint _host;
    private readonly EndPoint _peer;

    public StringTransport(EndPoint? host = null, EndPoint? peer = null)
    {
        _host = host ?? DefaultHost;
        _peer = peer ?? DefaultPeer;
    }

    /// <summary>Everything written since the last <see cref="Clear"/>, in order.</summary>
    public ReadOnlySpan<byte> Written => _written.WrittenSpan;

    /// <summary><see cref="Written"/> decoded as UTF-8, for readable assertions.</summary>
    public string WrittenText => Encoding.UTF8.GetString(_written.WrittenSpan);

    /// <summary>True once LoseConnection or AbortConnection was called.</summary>
    public bool Disconnecting { get; private set; }

    /// <summary>True once AbortConnection was called; later writes are dropped, as a real transport drops them.</summary>
    public bool Aborted { get; private set; }

    /// <summary>True once LoseWriteConnection was called.</summary>
    public bool WriteClosed { get; private set; }

    /// <summary>What the protocol last asked of the transport as a producer (reading paused, resumed or stopped).</summary>
    public ProducerState ProducerState { get; private set; } = ProducerState.Producing;

    /// <summary>The registered producer, or null.</summary>
    public IProducer? Producer { get; private set; }

    /// <summary>Whether the registered producer is a streaming (push) producer.</summary>
    public bool ProducerIsStreaming { get; private set; }

    public bool? TcpNoDelay { get; private set; }

    public bool? TcpKeepAlive { get; private set; }

    /// <summary>Returns a copy of <see cref="Written"/>.</summary>
    public byte[] Value() => _written.WrittenSpan.ToArray();

    /// <summary>Forgets what was written so far.</summary>
    public void Clear() => _written.ResetWrittenCount();

    public void Write(ReadOnlySpan<byte> data)
    {
        if (Aborted) return;
        _written.Write(data);
    }

    public void WriteSequence(IEnumerable<ReadOnlyMemory<byte>> data)
    {
        foreach (var piece in data) Write(piece.Span);
    }

    public void LoseConnection() => Disconnecting = true;

    public void AbortConnection()
    {
        Disconnecting = true;
        Aborted = true;
    }

    public void LoseWriteConnection() => WriteClosed = true;

    public EndPoint GetPeer() => _peer;

    public EndPoint GetHost() => _host;

    public void SetTcpNoDelay(bool enabled) => TcpNoDelay = enabled;

    public void SetTcpKeepAlive(bool enabled) => TcpKeepAlive = enabled;

    // Never set reads as off: the in-memory transport has no socket whose default it could report.
    public bool GetTcpNoDelay() => TcpNoDelay ?? false;

    public bool GetTcpKeepAlive() => TcpKeepAlive ?? false;

    public void RegisterProducer(IProducer producer, bool streaming)
    {
        ArgumentNullException.ThrowIfNull(producer);
        if (Producer is not null) throw new InvalidOperationException("A producer is already registered with this transport.");
        Producer = producer;
        ProducerIsStreaming = streaming;
    }

    public void UnregisterProducer()
    {
        // Twisted's StringTransport refuses this too: unregistering nothing usually hides a test bug.
        if (Producer is null) throw new InvalidOperationException("No producer is registered with this transport.");
        Producer = null;
        ProducerIsStreaming = false;
    }

    public void PauseProducing() => ChangeState(ProducerState.Paused);

    public void ResumeProducing() => ChangeState(ProducerState.Producing);

    public void StopProducing() => ChangeState(ProducerState.Stopped);

    private void ChangeState(ProducerState next)
    {
        if (ProducerState == ProducerState.Stopped && next != ProducerState.Stopped)
            throw new InvalidOperationException($"A stopped transport cannot become {next}.");
        ProducerState = next;
    }
}
