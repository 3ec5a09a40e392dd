using ActorEcho.IO.Readiness;
using System.Diagnostics;

namespace ActorEcho.Bench.Load.Epoll;

/// <summary>
/// `load connect` on the epoll engine: C sessions at once, each a non-blocking socket() and connect(), a read until
/// the server closes (qotd), a close, and the next session in the same slot, all driven by one thread. A session's
/// latency runs from the start of connect to the server's close, as in <see cref="ConnectLoad"/>.
/// </summary>
internal sealed class EpollConnectLoad : IEpollDriven
{
    // The quote is read and dropped; one buffer serves every session, since the loop reads one socket at a time.
    private const int ReceiveBufferSize = 4096;

    // One registration per session, made with the connect: EPOLLOUT reports the handshake's end, EPOLLIN the quote
    // and the server's FIN. Edge-triggered, so a session wakes the loop once per change, not once per wait.
    private const uint Watched = EpollInterop.EpollIn | EpollInterop.EpollOut | EpollInterop.EpollRdHup | EpollInterop.EpollEt;

    private readonly LoadWindow _window;
    private readonly long _graceEnd;
    private readonly int _domain;
    private readonly byte[] _address;
    private readonly Session[] _sessions;
    private readonly byte[] _buffer = GC.AllocateUninitializedArray<byte>(ReceiveBufferSize, pinned: true);
    private int _inFlight;

    private EpollConnectLoad(LoadSettings settings)
    {
        _window = LoadWindow.FromNow(settings.WarmUp, settings.Duration);
        _graceEnd = _window.End + (long)(LoadSettings.Grace.TotalSeconds * Stopwatch.Frequency);
        _domain = NativeSocketAddress.DomainOf(settings.Server);
        _address = NativeSocketAddress.Of(settings.Server);
        _sessions = new Session[settings.Connections];
    }

    private LatencyHistogram Latency { get; } = new();

    private long Sessions { get; set; }

    private long Errors { get; set; }

    public static async Task<ConnectResult> RunAsync(LoadSettings settings)
    {
        var load = new EpollConnectLoad(settings);
        using (var loop = new EpollLoop())
        {
            try
            {
                await loop.RunOnDedicatedThreadAsync(load, "epoll connect load");
            }
            finally
            {
                load.CloseAll();
            }
        }

        return new ConnectResult(load.Sessions, load._window.Seconds, load.Latency, load.Errors);
    }

    public void Begin(EpollLoop loop)
    {
        for (var i = 0; i < _sessions.Length; i++)
        {
            StartSession(loop, i);
        }
    }

    // No session starts after the window; those under way may finish within the grace period (a server that
    // never closes must not hang the run), and whatever is left is then closed.
    public bool KeepGoing(long now, out int waitMilliseconds)
    {
        if (!_window.IsOver(now))
        {
            waitMilliseconds = EpollLoop.MillisecondsUntil(now, _window.End);
            return true;
        }

        waitMilliseconds = EpollLoop.MillisecondsUntil(now, _graceEnd);
        return _inFlight > 0 && now < _graceEnd;
    }

    public void OnReady(EpollLoop loop, int index, uint events)
    {
        ref var session = ref _sessions[index];
        if (session.Phase == Phase.Connecting)
        {
            // EPOLLOUT or EPOLLERR ends the handshake; SO_ERROR says how (ECONNREFUSED, say).
            if (Libc.PendingError(session.Fd) != 0)
            {
                End(loop, index, failed: true);
                return;
            }

            session.Phase = Phase.Reading;
            if ((events & (EpollInterop.EpollIn | EpollInterop.EpollRdHup | EpollInterop.EpollHup | EpollInterop.EpollErr)) == 0)
            {
                return; // connected, nothing to read yet: the quote brings a new edge
            }
        }

        if (session.Phase == Phase.Reading)
        {
            Read(loop, index);
        }
    }

    // Reads until recv returns 0 (the server's close ends the session) or EAGAIN (the rest brings a new edge).
    private unsafe void Read(EpollLoop loop, int index)
    {
        ref var session = ref _sessions[index];
        while (true)
        {
            nint read;
            fixed (byte* buffer = _buffer)
            {
                read = Libc.Receive(session.Fd, buffer, ReceiveBufferSize);
            }

            if (read > 0)
            {
                session.Received += read;
                continue;
            }

            if (read == -LinuxSockets.Eagain) return;
            End(loop, index, failed: read < 0); // below 0: reset or another failure
            return;
        }
    }

    // Counted as today's async engine counts: a session closed without a quote is an error whenever it ends; a failed
    // connect or read only inside the window (after it, the run is closing sockets itself).
    private void End(EpollLoop loop, int index, bool failed)
    {
        ref var session = ref _sessions[index];
        var ended = Stopwatch.GetTimestamp();
        Libc.Close(session.Fd); // also takes it out of the epoll set
        session.Phase = Phase.Idle;
        _inFlight--;
        if (failed)
        {
            if (!_window.IsOver(ended))
            {
                Errors++;
            }
        }
        else if (session.Received == 0)
        {
            Errors++;
        }
        else if (_window.Contains(ended))
        {
            Sessions++;
            Latency.Record(ended - session.Started);
        }

        StartSession(loop, index);
    }

    // Retries at once when socket() or connect() fails outright (refused on loopback, say), as the async engine does.
    private void StartSession(EpollLoop loop, int index)
    {
        ref var session = ref _sessions[index];
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            if (_window.IsOver(started)) return;
            var start = RawSocket.StartConnect(_domain, _address, out session.Fd);
            if (start == RawSocket.Start.Failed)
            {
                Errors++;
                continue;
            }

            session.Phase = start == RawSocket.Start.Connected ? Phase.Reading : Phase.Connecting;
            session.Started = started;
            session.Received = 0;
            _inFlight++;
            loop.Add(session.Fd, Watched, index);
            return;
        }
    }

    private void CloseAll()
    {
        foreach (ref var session in _sessions.AsSpan())
        {
            if (session.Phase != Phase.Idle)
            {
                Libc.Close(session.Fd);
                session.Phase = Phase.Idle;
            }
        }
    }

    private enum Phase : byte
    {
        Idle,
        Connecting,
        Reading,
    }

    private struct Session
    {
        public int Fd;
        public Phase Phase;
        public long Started;  // Stopwatch timestamp taken before socket()
        public long Received; // bytes of the quote read so far
    }
}
