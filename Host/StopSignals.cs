using System.Runtime.InteropServices;

namespace ActorEcho.Host;

/// <summary>
/// Ctrl-C, SIGTERM and SIGQUIT, caught from the first moment the service command runs: without it a signal that arrives
/// while the configuration is read or the generic host is built (before the host's console lifetime listens) would kill
/// the process with the runtime's default action. A stop asked for that early means nothing has started, so the Host
/// exits 0; later the request is passed on to the generic host (<see cref="Token"/>).
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _requested = new();
    private readonly PosixSignalRegistration[] _registrations;

    public StopSignals() => _registrations =
    [
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
        PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal),
    ];

    public bool Requested => _requested.IsCancellationRequested;

    /// <summary>Cancelled when a stop is asked for; a registration made after that runs at once.</summary>
    public CancellationToken Token => _requested.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _requested.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The Host stops on its own, gracefully: the runtime's default action would end the process at once.
        context.Cancel = true;
        _requested.Cancel();
    }
}
