namespace ActorEcho.Protocols.Policies;

/// <summary>
/// Closes the connection after a period with no traffic either way (Twisted's TimeoutProtocol, what its
/// TimeoutFactory gives every connection). Every chunk read and every write restarts the countdown, which
/// starts at ConnectionMade. The wrapped protocol may change it through its transport:
/// <c>((TimeoutProtocol)Transport).Idle.SetTimeout(...)</c>.
/// </summary>
public sealed class TimeoutProtocol : ProtocolWrapper
{
    private readonly TimeSpan? _initialTimeout;

    /// <param name="wrapped">The protocol to guard.</param>
    /// <param name="timeout">The silence allowed; null starts with the timeout disabled.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative.</exception>
    public TimeoutProtocol(Protocol wrapped, TimeSpan? timeout)
        : base(wrapped)
    {
        if (timeout is { } period && period <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "An idle timeout must be positive; use null to disable it.");
        _initialTimeout = timeout;
        Idle = new IdleTimeout(this);
    }

    /// <summary>The countdown; its default callback logs once and calls LoseConnection.</summary>
    public IdleTimeout Idle { get; }

    protected internal override void ConnectionMade()
    {
        // Before the wrapped protocol's ConnectionMade, so that it may already change or disable the timeout.
        Idle.SetTimeout(_initialTimeout);
        base.ConnectionMade();
    }

    protected internal override void DataReceived(ReadOnlySpan<byte> data)
    {
        Idle.ResetTimeout();
        base.DataReceived(data);
    }

    protected internal override void ConnectionLost(Exception reason)
    {
        Idle.Cancel();
        base.ConnectionLost(reason);
    }

    public override void Write(ReadOnlySpan<byte> data)
    {
        Idle.ResetTimeout();
        base.Write(data);
    }

    public override void WriteSequence(IEnumerable<ReadOnlyMemory<byte>> data)
    {
        Idle.ResetTimeout();
        base.WriteSequence(data);
    }
}
