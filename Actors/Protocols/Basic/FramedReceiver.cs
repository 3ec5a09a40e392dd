namespace ActorEcho.Protocols.Basic;

/// <summary>
/// The common machinery of the framers in this namespace: it buffers what DataReceived hands it, delivers
/// complete frames one at a time, and is a push producer so a callback can pause delivery.
/// </summary>
/// <remarks>
/// Delivery stops while <see cref="Paused"/> and once the transport is disconnecting: after a protocol
/// closes its connection it is handed no further frames. A callback may call DataReceived again; the data
/// is queued behind what is already buffered and delivered by the loop that is running, so switching
/// modes any number of times never deepens the stack.
/// </remarks>
public abstract class FramedReceiver : Protocol, IPushProducer
{
    private bool _delivering;
    private bool _stopped;

    // Only the framers of this assembly derive from this class; users derive from those.
    private protected FramedReceiver()
    {
    }

    /// <summary>True after <see cref="PauseProducing"/> until <see cref="ResumeProducing"/>: no frame is delivered.</summary>
    public bool Paused { get; private set; }

    private protected ReceiveBuffer Buffer { get; } = new();

    /// <summary>How many received bytes wait in the buffer; the property tests bound it.</summary>
    internal int BufferedByteCount => Buffer.Count;

    protected internal sealed override void DataReceived(ReadOnlySpan<byte> data)
    {
        // Once the connection is closing nothing more is delivered, so keeping the bytes would only let a
        // peer that keeps sending grow the buffer.
        if (Transport.Disconnecting) return;
        if (!_delivering && Buffer.Count == 0 && CanDeliver() && TakesWholeChunks)
        {
            // Raw mode: nothing is buffered, so the chunk can go straight through without a copy.
            _delivering = true;
            try
            {
                DeliverWhole(data);
            }
            finally
            {
                _delivering = false;
            }

            DeliverBuffered();
            return;
        }

        Buffer.Append(data);
        DeliverBuffered();
    }

    /// <summary>Stops delivering frames and pauses the transport (no more reads) until <see cref="ResumeProducing"/>.</summary>
    public void PauseProducing()
    {
        Paused = true;
        Transport.PauseProducing();
    }

    /// <summary>Resumes the transport and delivers the frames that were buffered meanwhile.</summary>
    public void ResumeProducing()
    {
        if (_stopped) return;
        Paused = false;
        Transport.ResumeProducing();
        DeliverBuffered();
    }

    /// <summary>Delivers nothing more and stops the transport.</summary>
    public void StopProducing()
    {
        _stopped = true;
        Paused = true;
        Transport.StopProducing();
    }

    /// <summary>
    /// Delivers the next frame at the front of <see cref="Buffer"/>, consuming it before the callback runs.
    /// Returns false when it needs more bytes or must stop (for instance after rejecting the input).
    /// </summary>
    private protected abstract bool DeliverNext();

    /// <summary>True when the next chunk can be handed on whole, bypassing the buffer (raw mode).</summary>
    private protected virtual bool TakesWholeChunks => false;

    private protected virtual void DeliverWhole(ReadOnlySpan<byte> data) => throw new NotSupportedException();

    /// <summary>Drops the buffered input, logs the broken rule once and closes this connection only.</summary>
    private protected void RejectMalformed(string rule)
    {
        Buffer.Clear();
        FramerLog.MalformedInput(Logger, Transport.GetPeer(), GetType().Name, rule);
        (Factory as Hosting.IConnectionMetrics)?.MalformedFrame();
        Transport.LoseConnection();
    }

    private bool CanDeliver() => !Paused && !Transport.Disconnecting;

    private void DeliverBuffered()
    {
        if (_delivering) return;
        _delivering = true;
        try
        {
            while (Buffer.Count > 0 && CanDeliver() && DeliverNext())
            {
            }
        }
        finally
        {
            _delivering = false;
            Buffer.CompactWhenIdle();
        }
    }
}
