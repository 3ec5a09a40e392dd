using ActorEcho.IO.Readiness;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ActorEcho.Bench.Load.Epoll;

/// <summary>
/// One epoll instance and the one thread that waits on it and hands each ready descriptor to an
/// <see cref="IEpollDriven"/> load. The event buffer is allocated once; a turn of the loop allocates nothing.
/// </summary>
internal sealed unsafe class EpollLoop : IDisposable
{
    // Events taken per epoll_wait; the rest wait for the next call. 256 covers every ready socket of the compare
    // shapes in one call without a large buffer.
    private const int MaxEvents = 256;
    private const int MillisecondsPerSecond = 1000;

    // struct epoll_event's layout differs between x86-64 and arm64; EpollInterop knows both.
    private static readonly int EventSize = EpollInterop.EventSize;

    private static readonly int DataOffset = EpollInterop.DataOffset;

    private readonly int _epoll;
    private readonly byte[] _events = GC.AllocateUninitializedArray<byte>(MaxEvents * EventSize, pinned: true);

    public EpollLoop()
    {
        _epoll = EpollInterop.EpollCreate(EpollInterop.EpollCloexec);
        if (_epoll < 0)
        {
            throw new InvalidOperationException($"epoll_create1: {Marshal.GetPInvokeErrorMessage(Libc.Errno)}");
        }
    }

    /// <summary>Where the epoll_event layout is known to hold, and so where the loop may run.</summary>
    public static bool Supported => EpollInterop.Supported;

    /// <summary>Milliseconds from <paramref name="now"/> to <paramref name="deadline"/> (Stopwatch ticks), rounded up so a wait never ends early.</summary>
    public static int MillisecondsUntil(long now, long deadline)
    {
        var ticks = Math.Max(0, deadline - now);
        return (int)Math.Min(int.MaxValue, (ticks * MillisecondsPerSecond + Stopwatch.Frequency - 1) / Stopwatch.Frequency);
    }

    /// <summary>Watches <paramref name="fd"/> for <paramref name="events"/>; its events come back with <paramref name="index"/>.</summary>
    public void Add(int fd, uint events, int index) => Control(EpollInterop.EpollCtlAdd, fd, events, index);

    /// <summary>Replaces the mask <paramref name="fd"/> is watched for (epoll reports it at once if already ready).</summary>
    public void Modify(int fd, uint events, int index) => Control(EpollInterop.EpollCtlMod, fd, events, index);

    /// <summary>Stops watching <paramref name="fd"/> while it stays open (closing it is enough otherwise).</summary>
    public void Remove(int fd) => Control(EpollInterop.EpollCtlDel, fd, 0, 0);

    /// <summary>
    /// Runs <paramref name="driven"/> on a dedicated thread (it blocks in epoll_wait, which must not hold a thread-pool
    /// thread); the task completes when <see cref="IEpollDriven.KeepGoing"/> says stop, or fails with what the loop threw.
    /// </summary>
    public Task RunOnDedicatedThreadAsync(IEpollDriven driven, string name)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(driven);
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return done.Task;
    }

    private void Run(IEpollDriven driven)
    {
        driven.Begin(this);
        fixed (byte* events = _events)
        {
            while (driven.KeepGoing(Stopwatch.GetTimestamp(), out var wait))
            {
                var ready = EpollInterop.EpollWait(_epoll, events, MaxEvents, wait);
                if (ready < 0)
                {
                    var errno = Libc.Errno;
                    if (errno == LinuxSockets.Eintr) continue;
                    throw new InvalidOperationException($"epoll_wait: {Marshal.GetPInvokeErrorMessage(errno)}");
                }

                for (var i = 0; i < ready; i++)
                {
                    var entry = events + i * EventSize;
                    // Unaligned on x86-64, which the CPU allows.
                    driven.OnReady(this, (int)*(ulong*)(entry + DataOffset), *(uint*)entry);
                }
            }
        }
    }

    private void Control(int operation, int fd, uint events, int index)
    {
        var entry = stackalloc byte[EventSize];
        EpollInterop.WriteEvent(entry, events, (ulong)index);
        if (EpollInterop.EpollCtl(_epoll, operation, fd, entry) < 0)
        {
            throw new InvalidOperationException($"epoll_ctl: {Marshal.GetPInvokeErrorMessage(Libc.Errno)}");
        }
    }

    public void Dispose() => Libc.Close(_epoll);
}
