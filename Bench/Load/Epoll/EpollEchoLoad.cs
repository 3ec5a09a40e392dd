using ActorEcho.IO.Readiness;
using System.Diagnostics;

namespace ActorEcho.Bench.Load.Epoll;

/// <summary>
/// `load echo` on the epoll engine: C connections, opened at <see cref="ConnectionOpener"/>'s pace, each keeping D
/// messages of S bytes in flight, all driven by one thread. A message's latency runs from its send to the read that
/// completes its echo, as in <see cref="EchoClient"/>. Per message that is one recv and one send, and the loop
/// allocates nothing.
/// </summary>
internal sealed class EpollEchoLoad : IEpollDriven
{
    // Every socket's reads land in this one buffer: the loop handles one socket at a time, and an echo's bytes
    // matter only for their count and the '\n' ending each message.
    private const int ReceiveBufferSize = 64 * 1024;
    private const byte EndOfMessage = (byte)'\n';
    private const byte Filler = (byte)'a';
    private const int WaitForever = -1;
    private const uint Connecting = EpollInterop.EpollOut | EpollInterop.EpollEt;
    private const uint Reading = EpollInterop.EpollIn | EpollInterop.EpollEt;
    private const uint ReadingAndWriting = Reading | EpollInterop.EpollOut;

    private readonly LoadSettings _settings;
    private readonly int _domain;
    private readonly byte[] _address;
    private readonly int _size;
    private readonly int _depth;
    private readonly Connection[] _connections;
    private readonly long[] _sentAt; // connection i's ring of D send timestamps is _sentAt[i * D .. i * D + D)

    // D identical messages: any run of a connection's byte stream, which repeats with period S, is a slice of it.
    private readonly byte[] _outgoing;
    private readonly byte[] _incoming = GC.AllocateUninitializedArray<byte>(ReceiveBufferSize, pinned: true);

    private int _nextToOpen;
    private int _connectsInFlight;
    private bool _echoing;
    private LoadWindow _window; // set once every connection is open or has failed

    private EpollEchoLoad(LoadSettings settings, int messageSize, int depth)
    {
        _settings = settings;
        _domain = NativeSocketAddress.DomainOf(settings.Server);
        _address = NativeSocketAddress.Of(settings.Server);
        _size = messageSize;
        _depth = depth;
        _connections = new Connection[settings.Connections];
        _sentAt = new long[settings.Connections * depth];
        _outgoing = GC.AllocateUninitializedArray<byte>(messageSize * depth, pinned: true);
        _outgoing.AsSpan().Fill(Filler);
        for (var m = 1; m <= depth; m++)
        {
            _outgoing[m * messageSize - 1] = EndOfMessage;
        }
    }

    private LatencyHistogram Latency { get; } = new();

    private long Messages { get; set; }

    private long Errors { get; set; }

    public static async Task<EchoResult> RunAsync(LoadSettings settings, int messageSize, int depth)
    {
        var load = new EpollEchoLoad(settings, messageSize, depth);
        using (var loop = new EpollLoop())
        {
            try
            {
                await loop.RunOnDedicatedThreadAsync(load, "epoll echo load");
            }
            finally
            {
                load.AbortAll();
            }
        }

        return new EchoResult(load.Messages, load._window.Seconds, messageSize, load.Latency, load.Errors);
    }

    public void Begin(EpollLoop loop) => OpenMore(loop);

    // Opening has no deadline, as with ConnectionOpener; once echoing, the run ends with the window: an echo
    // completing later would not be counted, and the sockets are aborted.
    public bool KeepGoing(long now, out int waitMilliseconds)
    {
        if (!_echoing)
        {
            waitMilliseconds = WaitForever;
            return true;
        }

        waitMilliseconds = EpollLoop.MillisecondsUntil(now, _window.End);
        return !_window.IsOver(now);
    }

    public void OnReady(EpollLoop loop, int index, uint events)
    {
        switch (_connections[index].Phase)
        {
            case Phase.Connecting:
                Connected(loop, index);
                return;
            case Phase.Closed:
                return;
        }

        if ((events & EpollInterop.EpollOut) != 0)
        {
            Flush(loop, index);
        }

        // EPOLLERR and EPOLLHUP come whatever the mask; the read below reports them as an error or end of stream.
        if ((events & (EpollInterop.EpollIn | EpollInterop.EpollErr | EpollInterop.EpollHup)) != 0 && _connections[index].Phase == Phase.Open)
        {
            Read(loop, index);
        }
    }

    // Starts connects until ConnectsInFlight are under way, so a burst never overruns the server's accept backlog.
    private void OpenMore(EpollLoop loop)
    {
        while (_connectsInFlight < ConnectionOpener.ConnectsInFlight && _nextToOpen < _connections.Length)
        {
            var index = _nextToOpen++;
            ref var connection = ref _connections[index];
            switch (RawSocket.StartConnect(_domain, _address, out connection.Fd))
            {
                case RawSocket.Start.Connected:
                    RawSocket.SetNoDelay(connection.Fd);
                    loop.Add(connection.Fd, Reading, index);
                    connection.Phase = Phase.Open;
                    break;
                case RawSocket.Start.InProgress:
                    loop.Add(connection.Fd, Connecting, index);
                    connection.Phase = Phase.Connecting;
                    _connectsInFlight++;
                    break;
                default:
                    connection.Phase = Phase.Closed;
                    Errors++;
                    break;
            }
        }

        if (_connectsInFlight == 0 && _nextToOpen == _connections.Length)
        {
            StartEchoing(loop);
        }
    }

    private void Connected(EpollLoop loop, int index)
    {
        ref var connection = ref _connections[index];
        _connectsInFlight--;
        if (Libc.PendingError(connection.Fd) == 0)
        {
            RawSocket.SetNoDelay(connection.Fd);
            loop.Modify(connection.Fd, Reading, index);
            connection.Phase = Phase.Open;
        }
        else
        {
            Libc.Close(connection.Fd);
            connection.Phase = Phase.Closed;
            Errors++;
        }

        OpenMore(loop);
    }

    // The window starts once every connection is open, so connect time never counts as echo time.
    private void StartEchoing(EpollLoop loop)
    {
        _echoing = true;
        _window = LoadWindow.FromNow(_settings.WarmUp, _settings.Duration);
        for (var i = 0; i < _connections.Length; i++)
        {
            if (_connections[i].Phase == Phase.Open)
            {
                SendNext(loop, i, _depth);
            }
        }
    }

    // Edge-triggered: the socket must be read until the kernel has no more. A read shorter than the buffer has taken
    // everything queued; bytes arriving after it raise a new edge, so no further recv (and its EAGAIN) is needed.
    private unsafe void Read(EpollLoop loop, int index)
    {
        ref var connection = ref _connections[index];
        while (true)
        {
            nint read;
            fixed (byte* buffer = _incoming)
            {
                read = Libc.Receive(connection.Fd, buffer, ReceiveBufferSize);
            }

            var now = Stopwatch.GetTimestamp();
            if (read == -LinuxSockets.Eagain) return;
            if (read <= 0)
            {
                // 0: the server closed an echo connection mid-run; below 0: reset or another failure.
                Fail(index, now);
                return;
            }

            var completed = Complete(ref connection, index, (int)read, now);
            if (completed > 0 && !_window.IsOver(now))
            {
                SendNext(loop, index, completed);
                if (connection.Phase != Phase.Open) return;
            }

            if (read < ReceiveBufferSize) return;
        }
    }

    // Messages are fixed-size, so message boundaries follow from byte counts; the '\n' check catches a server that
    // loses or reorders bytes.
    private int Complete(ref Connection connection, int index, int read, long now)
    {
        var completed = 0;
        var position = 0;
        while (read - position >= _size - connection.IntoMessage)
        {
            position += _size - connection.IntoMessage;
            connection.IntoMessage = 0;
            if (_incoming[position - 1] != EndOfMessage)
            {
                Errors++;
            }

            var sentAt = _sentAt[index * _depth + connection.EchoedSlot];
            connection.EchoedSlot = connection.EchoedSlot + 1 == _depth ? 0 : connection.EchoedSlot + 1;
            if (_window.Contains(now))
            {
                Latency.Record(now - sentAt);
                Messages++;
            }

            completed++;
        }

        connection.IntoMessage += read - position;
        return completed;
    }

    // A message's clock starts when it is handed to send, even if the kernel takes it only after an EAGAIN.
    private void SendNext(EpollLoop loop, int index, int messages)
    {
        ref var connection = ref _connections[index];
        var now = Stopwatch.GetTimestamp();
        for (var m = 0; m < messages; m++)
        {
            _sentAt[index * _depth + connection.SentSlot] = now;
            connection.SentSlot = connection.SentSlot + 1 == _depth ? 0 : connection.SentSlot + 1;
        }

        connection.Owed += (long)messages * _size;
        if (!connection.WaitingToWrite)
        {
            Flush(loop, index);
        }
    }

    // Sends what the connection owes. On EAGAIN the rest stays owed and the socket is watched for EPOLLOUT until the
    // kernel has taken it all; then back to EPOLLIN alone, so ACKs freeing send space do not wake the loop.
    private unsafe void Flush(EpollLoop loop, int index)
    {
        ref var connection = ref _connections[index];
        fixed (byte* outgoing = _outgoing)
        {
            while (connection.Owed > 0)
            {
                var offset = (int)(connection.BytesSent % _size);
                var chunk = (int)Math.Min(connection.Owed, _outgoing.Length - offset);
                var sent = Libc.SendSome(connection.Fd, outgoing + offset, (nuint)chunk);
                if (sent > 0)
                {
                    connection.Owed -= sent;
                    connection.BytesSent += sent;
                    continue;
                }

                if (sent == -LinuxSockets.Eagain)
                {
                    if (!connection.WaitingToWrite)
                    {
                        connection.WaitingToWrite = true;
                        loop.Modify(connection.Fd, ReadingAndWriting, index);
                    }

                    return;
                }

                Fail(index, Stopwatch.GetTimestamp());
                return;
            }
        }

        if (connection.WaitingToWrite)
        {
            connection.WaitingToWrite = false;
            loop.Modify(connection.Fd, Reading, index);
        }
    }

    // A failed connection is closed at once; closing also takes it out of the epoll set.
    private void Fail(int index, long now)
    {
        if (!_echoing || !_window.IsOver(now))
        {
            Errors++;
        }

        RawSocket.Abort(_connections[index].Fd);
        _connections[index].Phase = Phase.Closed;
    }

    private void AbortAll()
    {
        foreach (ref var connection in _connections.AsSpan())
        {
            if (connection.Phase is Phase.Connecting or Phase.Open)
            {
                RawSocket.Abort(connection.Fd);
                connection.Phase = Phase.Closed;
            }
        }
    }

    private enum Phase : byte
    {
        NotStarted,
        Connecting,
        Open,
        Closed,
    }

    private struct Connection
    {
        public int Fd;
        public Phase Phase;
        public bool WaitingToWrite;
        public int IntoMessage; // bytes of the oldest unanswered message already echoed
        public int SentSlot;    // where the next send's timestamp goes in the connection's ring
        public int EchoedSlot;  // the ring slot of the oldest unanswered message
        public long Owed;       // bytes of sent messages the kernel has not taken yet
        public long BytesSent;  // bytes the kernel has taken, for the offset of the next one in the repeating stream
    }
}
