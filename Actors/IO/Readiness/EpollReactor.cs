using System.Net.Sockets;
using System.Runtime.InteropServices;
using Akka.Actor;
using Akka.Event;
using static ActorEcho.IO.Readiness.EpollInterop;
using static ActorEcho.IO.Readiness.LinuxSockets;

namespace ActorEcho.IO.Readiness;

/// <summary>
/// One epoll instance and the thread that waits on it, per actor system (Linux). Each connection's socket is
/// registered once, edge-triggered, for reading, and for writing too from its first send that would block; an
/// event becomes a message to the connection's actor only when the actor said it is waiting for it. Compared with .NET's own engine this saves a thread-pool hop
/// and a zero-byte receive per read, and a SocketAsyncEventArgs pair per connection.
/// </summary>
internal sealed unsafe class EpollReactor : IDisposable
{
    // The eventfd that wakes the thread to stop is registered under this token, which no slot ever has
    // (slot tokens carry a generation of at least 1 in the high half).
    private const ulong WakeToken = 0;
    private const int InitialSlots = 64;

    private readonly int _epoll;
    private readonly int _wake;
    private readonly int _eventsPerWait;
    private readonly ILoggingAdapter _log;
    private readonly Thread _thread;
    private readonly object _gate = new();
    private readonly Stack<int> _freeSlots = new();
    private EpollRegistration?[] _slots = new EpollRegistration?[InitialSlots];
    private int _usedSlots;
    private uint _generation;
    private volatile bool _stopping;

    private EpollReactor(int epoll, int wake, int eventsPerWait, string name, ILoggingAdapter log)
    {
        _epoll = epoll;
        _wake = wake;
        _eventsPerWait = eventsPerWait;
        _log = log;
        _thread = new Thread(Run) { IsBackground = true, Name = $"{name}-epoll" };
        _thread.Start();
    }

    /// <summary>A running reactor, or null where epoll is not available (then connections use .NET's engine).</summary>
    public static EpollReactor? TryStart(int eventsPerWait, string name, ILoggingAdapter log)
    {
        if (!Supported) return null;
        var epoll = EpollCreate(EpollCloexec);
        if (epoll < 0) return null;
        var wake = EventFd(0, EfdCloexec | EfdNonblock);
        var ev = stackalloc byte[EventSize];
        WriteEvent(ev, EpollIn, WakeToken);
        if (wake < 0 || EpollCtl(epoll, EpollCtlAdd, wake, ev) != 0)
        {
            if (wake >= 0) Close(wake);
            Close(epoll);
            return null;
        }

        return new EpollReactor(epoll, wake, eventsPerWait, name, log);
    }

    /// <summary>
    /// A registration for a socket, with its slot; the socket joins the epoll set only when its connection first has
    /// to wait (<see cref="Watch"/>), so one that is closed before ever waiting costs no epoll_ctl. Null once stopping.
    /// </summary>
    public EpollRegistration? TryRegister(IActorRef owner, object readReady, object writeReady)
    {
        if (_stopping) return null;
        EpollRegistration registration;
        lock (_gate)
        {
            var index = _freeSlots.Count > 0 ? _freeSlots.Pop() : _usedSlots++;
            if (index == _slots.Length) Array.Resize(ref _slots, _slots.Length * 2); // publishes a new array; the thread re-reads it per wait
            if (++_generation == 0) _generation = 1;
            registration = new EpollRegistration(this, index, _generation, owner, readReady, writeReady);
            _slots[index] = registration;
        }

        return registration;
    }

    /// <summary>
    /// Adds the socket to the epoll set (<paramref name="added"/> false) or changes what it is watched for,
    /// edge-triggered; the kernel reports at once what is already ready. The errno when it refuses, else 0.
    /// </summary>
    public int Watch(Socket socket, ulong token, bool added, bool writes)
    {
        var ev = stackalloc byte[EventSize];
        WriteEvent(ev, EpollIn | EpollRdHup | EpollEt | (writes ? EpollOut : 0), token);
        var handle = socket.SafeHandle;
        var addRef = false;
        try
        {
            handle.DangerousAddRef(ref addRef); // the descriptor number must not be closed and reused during the call
            return EpollCtl(_epoll, added ? EpollCtlMod : EpollCtlAdd, (int)handle.DangerousGetHandle(), ev) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
        finally
        {
            if (addRef) handle.DangerousRelease();
        }
    }

    /// <summary>
    /// Frees the registration's slot. The socket leaves the epoll set when it is closed; an event already read
    /// for it finds another generation in the slot and is dropped.
    /// </summary>
    public void Release(EpollRegistration registration)
    {
        lock (_gate)
        {
            if (_slots[registration.Index] != registration) return;
            _slots[registration.Index] = null;
            _freeSlots.Push(registration.Index);
        }
    }

    private void Run()
    {
        var events = new byte[EventSize * _eventsPerWait];
        fixed (byte* first = events)
        {
            while (!_stopping)
            {
                var count = EpollWait(_epoll, first, _eventsPerWait, -1);
                if (count < 0)
                {
                    var error = Marshal.GetLastPInvokeError();
                    if (error == Eintr) continue;
                    _log.Error("epoll_wait failed with errno {0}; connections on this system stop receiving events", error);
                    return;
                }

                // Read after the wait: every registration an event here belongs to was stored before its epoll_ctl.
                var slots = Volatile.Read(ref _slots);
                for (var i = 0; i < count; i++)
                {
                    var ev = first + i * EventSize;
                    var token = *(ulong*)(ev + DataOffset);
                    if (token == WakeToken) continue;
                    var index = (int)(uint)token;
                    var registration = index < slots.Length ? Volatile.Read(ref slots[index]) : null;
                    if (registration?.Token == token) registration.OnEvents(*(uint*)ev);
                }
            }
        }

        Close(_wake);
        Close(_epoll);
    }

    /// <summary>Waits for the thread to end after <see cref="Dispose"/>; tests check that a system leaves no thread behind.</summary>
    internal bool WaitStopped(TimeSpan timeout) => _thread.Join(timeout);

    /// <summary>Stops the thread; it closes the epoll instance on its way out.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        ulong one = 1;
        Write(_wake, &one, sizeof(ulong));
    }
}
