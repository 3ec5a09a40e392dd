using Akka.IO;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// Reading, in Akka.IO's pull mode: Akka.IO reads one chunk per <see cref="Tcp.ResumeReading"/>, and this actor asks for
/// the next only once the protocol has handled the last one and is not paused. In push mode Akka.IO reads as fast as the
/// peer sends, whatever the handler's mailbox holds, so a peer that floods a busy server filled the mailboxes (measured:
/// 100 non-reading clients grew the server by ~700 MB before the pause took effect); pulling keeps at most one chunk in
/// flight per connection, and a pause (the protocol's, or the write back-pressure's) stops the reading at the socket.
/// </summary>
internal sealed partial class ConnectionActor
{
    private bool _readingSuspended; // the protocol or the back-pressure paused reading
    private bool _readRequested;    // a ResumeReading is out: Akka.IO will send one Received or PeerClosed

    // A read asked for before a pause still completes; what it brings is held until reading resumes, so a paused
    // protocol hears nothing, and whatever comes after waits behind it.
    private Queue<Tcp.Event>? _held;

    private bool MustHold => _readingSuspended || _held is { Count: > 0 };

    private void OnReceived(Tcp.Received received)
    {
        _readRequested = false;
        if (_closedDelivered) return;
        if (MustHold) Hold(received);
        else _events!.OnReceived(received.Data.ToReadOnlySpan());
        RequestRead();
    }

    /// <summary>Asks Akka.IO for the next chunk, unless one is on its way, reading is paused, or there is nothing left to read.</summary>
    private void RequestRead()
    {
        if (_readRequested || MustHold || _peerClosed || _closedDelivered || _close == CloseKind.Abort) return;
        _readRequested = true;
        _tcp.Tell(Tcp.ResumeReading.Instance, _self);
    }

    public void SuspendReading() => _readingSuspended = true;

    public void ResumeReading()
    {
        if (!_readingSuspended) return;
        _readingSuspended = false;
        // On a later turn, since this is called from inside a protocol callback; the next read is asked for after it.
        if (_held is { Count: > 0 }) _self.Tell(ReplayHeld.Instance, _self);
        else RequestRead();
    }

    private void Hold(Tcp.Event held) => (_held ??= new Queue<Tcp.Event>()).Enqueue(held);

    /// <summary>Delivers what was held, in order, until the protocol pauses again or the connection ends; then reads on.</summary>
    private void Replay()
    {
        while (!_readingSuspended && !_closedDelivered && _held is not null && _held.TryDequeue(out var held))
        {
            if (held is Tcp.Received received) _events!.OnReceived(received.Data.ToReadOnlySpan());
            else OnPeerClosed();
        }

        RequestRead();
    }

    private sealed class ReplayHeld
    {
        public static readonly ReplayHeld Instance = new();
    }
}
