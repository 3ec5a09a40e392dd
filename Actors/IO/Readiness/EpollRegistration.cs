using System.Net.Sockets;
using Akka.Actor;
using static ActorEcho.IO.Readiness.EpollInterop;

namespace ActorEcho.IO.Readiness;

/// <summary>
/// One socket in the reactor. For each direction two flags meet: <c>ready</c>, set by the reactor thread on an
/// event and cleared by the actor right before it receives or sends, and <c>wanted</c>, set by the actor when it
/// has to wait. Whichever side sees both set first (the exchange on <c>wanted</c> decides) tells the message,
/// so an edge that arrives while the actor is deciding to wait is never lost, and none is told twice.
/// </summary>
internal sealed class EpollRegistration : SocketReadiness
{
    private readonly EpollReactor _reactor;
    private int _readReady;
    private int _readWanted;
    private int _writeReady;
    private int _writeWanted;
    private volatile bool _detached;
    private volatile bool _hungUp;

    // The actor's own: whether the socket is in the epoll set yet, and for writes too (from its first send that
    // would block: a socket is writable almost always, and those edges would wake the reactor for nothing).
    private bool _added;
    private bool _watchingWrites;
    private SocketError _watchError;

    public EpollRegistration(EpollReactor reactor, int index, uint generation, IActorRef owner, object readReady, object writeReady)
        : base(owner, readReady, writeReady)
    {
        _reactor = reactor;
        Token = (ulong)generation << 32 | (uint)index;
    }

    /// <summary>The registration's slot in the reactor: the low half of <see cref="Token"/>.</summary>
    public int Index => (int)(uint)Token;

    /// <summary>What epoll hands back with each event: the slot in the low half, the slot's generation in the high half.</summary>
    public ulong Token { get; }

    /// <summary>On the reactor thread: an edge for this socket.</summary>
    public void OnEvents(uint events)
    {
        // The peer's FIN can sit behind data that a short receive took: no new edge will come for it, so the
        // hang-up is remembered and a drained socket is read once more instead of waiting.
        if ((events & (EpollRdHup | EpollHup)) != 0) _hungUp = true;

        // An error or hang-up wakes both directions: the receive or send that follows reports it.
        if ((events & (EpollIn | EpollRdHup | EpollErr | EpollHup)) != 0) Signal(ref _readReady, ref _readWanted, ReadReadyMessage);
        if ((events & (EpollOut | EpollErr | EpollHup)) != 0) Signal(ref _writeReady, ref _writeWanted, WriteReadyMessage);
    }

    public override int Receive(Socket socket, Span<byte> buffer, out SocketError error)
    {
        Interlocked.Exchange(ref _readReady, 0); // what the receive below does not see, a later edge reports
        return DirectSocketCalls.Receive(socket, buffer, out error);
    }

    public override void AwaitReadable(Socket socket, bool drained)
    {
        // Edge-triggered: no new edge comes for data that is already there, so only a drained socket may wait.
        // Joining the epoll set reports what is there already, so a socket's first wait needs no receive first.
        if (!drained || _hungUp || !Watch(socket, writes: _watchingWrites)) Owner.Tell(ReadReadyMessage, Owner);
        else Await(ref _readReady, ref _readWanted, ReadReadyMessage);
    }

    public override SocketError TakeReadError() => _watchError;

    public override bool StartSend(Socket socket, IList<ArraySegment<byte>> buffers)
    {
        Interlocked.Exchange(ref _writeReady, 0);
        var sent = DirectSocketCalls.Send(socket, buffers, out var error);
        if (error == SocketError.WouldBlock)
        {
            if (!Watch(socket, writes: true))
            {
                SentBytes = 0;
                SendError = _watchError; // nothing would ever resume this send
                return false;
            }

            Await(ref _writeReady, ref _writeWanted, WriteReadyMessage);
            return true;
        }

        SentBytes = sent; // may be short of the whole: the caller sends the rest, which then waits if the buffer is full
        SendError = error;
        return false;
    }

    public override void OnWriteReady()
    {
        SentBytes = 0; // nothing left while waiting: the wait only says there is room now
        SendError = SocketError.Success;
    }

    public override void Detach()
    {
        _detached = true;
        _reactor.Release(this);
    }

    // Puts the socket in the epoll set, or widens it to writes; false (with _watchError) when the kernel refuses.
    private bool Watch(Socket socket, bool writes)
    {
        if (_added && (_watchingWrites || !writes)) return true;
        var errno = _reactor.Watch(socket, Token, _added, writes);
        if (errno != 0)
        {
            _watchError = DirectSocketCalls.ToSocketError(errno) is var error && error != SocketError.WouldBlock ? error : SocketError.SocketError;
            return false;
        }

        _added = true;
        _watchingWrites |= writes;
        return true;
    }

    private void Signal(ref int ready, ref int wanted, object message)
    {
        Interlocked.Exchange(ref ready, 1);
        if (Interlocked.Exchange(ref wanted, 0) == 1 && !_detached) Owner.Tell(message, Owner);
    }

    private void Await(ref int ready, ref int wanted, object message)
    {
        Interlocked.Exchange(ref wanted, 1);
        if (Volatile.Read(ref ready) == 1 && Interlocked.Exchange(ref wanted, 0) == 1) Owner.Tell(message, Owner);
    }
}
