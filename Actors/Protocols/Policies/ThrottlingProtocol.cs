namespace ActorEcho.Protocols.Policies;

/// <summary>
/// Holds one connection to a read and a write bandwidth (Twisted's ThrottlingProtocol, with the limits of its
/// ThrottlingFactory applied per connection). Over the read limit, reading from the peer is paused; over the
/// write limit, the producer the wrapped protocol registered is paused. No byte is dropped: a pause only
/// delays reading, and what was read is always delivered. Timers run on <see cref="Protocol.Clock"/>.
/// </summary>
/// <remarks>
/// The wrapped protocol may pause reading itself; reading resumes only when neither it nor the throttle
/// wants it paused. Without a registered producer, writes are counted but cannot be held back.
/// </remarks>
public sealed class ThrottlingProtocol : ProtocolWrapper
{
    private readonly BandwidthMeter? _reads;
    private readonly BandwidthMeter? _writes;
    private ThrottledProducer? _producer;
    private bool _readingPausedByWrapped;
    private bool _readingThrottled;
    private bool _transportPaused;
    private bool _transportStopped;

    public ThrottlingProtocol(Protocol wrapped, ThrottlingSettings settings)
        : base(wrapped)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        if (settings.ReadBytesPerSecond is { } readLimit)
            _reads = new BandwidthMeter(() => Clock, readLimit, settings.Window, ThrottleReads, UnthrottleReads);
        if (settings.WriteBytesPerSecond is { } writeLimit)
            _writes = new BandwidthMeter(() => Clock, writeLimit, settings.Window, ThrottleWrites, UnthrottleWrites);
    }

    public ThrottlingSettings Settings { get; }

    /// <summary>True while reading is paused because the read limit was exceeded.</summary>
    public bool ReadsThrottled => _readingThrottled;

    /// <summary>True while the registered producer is held back because the write limit was exceeded.</summary>
    public bool WritesThrottled => _writes?.Throttled ?? false;

    protected internal override void DataReceived(ReadOnlySpan<byte> data)
    {
        _reads?.Record(data.Length);
        base.DataReceived(data);
    }

    protected internal override void ConnectionLost(Exception reason)
    {
        _reads?.Stop();
        _writes?.Stop();
        base.ConnectionLost(reason);
    }

    public override void Write(ReadOnlySpan<byte> data)
    {
        base.Write(data);
        _writes?.Record(data.Length);
    }

    public override void WriteSequence(IEnumerable<ReadOnlyMemory<byte>> data)
    {
        if (_writes is null)
        {
            base.WriteSequence(data);
            return;
        }

        // Counted as the transport copies it, so a sequence that can be enumerated only once still works.
        long total = 0;
        base.WriteSequence(Counted(data, bytes => total += bytes));
        _writes.Record(total);
    }

    public override void RegisterProducer(IProducer producer, bool streaming)
    {
        ArgumentNullException.ThrowIfNull(producer);
        var standIn = new ThrottledProducer(producer, streaming);
        base.RegisterProducer(standIn, streaming);
        _producer = standIn;
        if (WritesThrottled) standIn.Throttle();
    }

    public override void UnregisterProducer()
    {
        base.UnregisterProducer();
        _producer = null;
    }

    public override void PauseProducing()
    {
        _readingPausedByWrapped = true;
        ApplyReading();
    }

    public override void ResumeProducing()
    {
        _readingPausedByWrapped = false;
        ApplyReading();
    }

    public override void StopProducing()
    {
        _transportStopped = true;
        base.StopProducing();
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Counted(IEnumerable<ReadOnlyMemory<byte>> data, Action<int> count)
    {
        foreach (var piece in data)
        {
            count(piece.Length);
            yield return piece;
        }
    }

    private void ThrottleReads()
    {
        _readingThrottled = true;
        ApplyReading();
    }

    private void UnthrottleReads()
    {
        _readingThrottled = false;
        ApplyReading();
    }

    private void ThrottleWrites() => _producer?.Throttle();

    private void UnthrottleWrites() => _producer?.Unthrottle();

    private void ApplyReading()
    {
        // A stopped transport reads no more; asking it to resume would be an error.
        if (_transportStopped) return;
        var pause = _readingPausedByWrapped || _readingThrottled;
        if (pause == _transportPaused) return;
        _transportPaused = pause;
        if (pause)
        {
            Transport.PauseProducing();
        }
        else
        {
            Transport.ResumeProducing();
        }
    }
}
