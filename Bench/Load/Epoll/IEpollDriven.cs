namespace ActorEcho.Bench.Load.Epoll;

/// <summary>
/// A load driven by an <see cref="EpollLoop"/>: every method runs on the loop's one thread, so an implementation
/// keeps its per-connection state in plain fields and arrays, without locks.
/// </summary>
internal interface IEpollDriven
{
    /// <summary>Opens or primes the connections; called once, on the loop thread, before the first wait.</summary>
    void Begin(EpollLoop loop);

    /// <summary>
    /// Called before every wait with the current Stopwatch timestamp: false ends the loop; otherwise
    /// <paramref name="waitMilliseconds"/> bounds how long the wait may block, so the loop wakes at the load's deadlines
    /// even when no socket is ready.
    /// </summary>
    bool KeepGoing(long now, out int waitMilliseconds);

    /// <summary>One ready descriptor: <paramref name="index"/> is the data it was registered with, <paramref name="events"/> the epoll mask.</summary>
    void OnReady(EpollLoop loop, int index, uint events);
}
