using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Protocols;

/// <summary>
/// A client factory that reconnects with exponential backoff (Twisted's ReconnectingClientFactory): after each
/// failure or loss it waits <see cref="Delay"/> x <see cref="Factor"/> (capped at <see cref="MaxDelay"/>, with
/// normally distributed <see cref="Jitter"/>) and connects again, until <see cref="MaxRetries"/> is passed or
/// <see cref="StopTrying"/> is called. Call <see cref="ResetDelay"/> when a connection succeeds (in
/// BuildProtocol, say). Timers run on the factory's clock, so a manual clock drives it exactly in tests.
/// Unlike Twisted, jitter never pushes a delay past the maximum.
/// </summary>
public class ReconnectingClientFactory : ClientFactory
{
    private ICancelable? _pendingRetry;
    private TimeSpan _initialDelay = TimeSpan.FromSeconds(1);

    public ReconnectingClientFactory()
    {
    }

    public ReconnectingClientFactory(Func<Protocol> protocol)
        : base(protocol)
    {
    }

    /// <summary>Twisted's default: one second. Setting it also resets <see cref="Delay"/>.</summary>
    public TimeSpan InitialDelay
    {
        get => _initialDelay;
        set => Delay = _initialDelay = value;
    }

    /// <summary>Twisted's default: one hour.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Twisted's default: e.</summary>
    public double Factor { get; set; } = Math.E;

    /// <summary>Standard deviation of the delay, as a fraction of it (Twisted's default 0.119626565582); 0 for exact delays.</summary>
    public double Jitter { get; set; } = 0.119626565582;

    /// <summary>Null (Twisted's default) retries forever.</summary>
    public int? MaxRetries { get; set; }

    /// <summary>The delay the next retry grows from.</summary>
    public TimeSpan Delay { get; private set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries since the last <see cref="ResetDelay"/>.</summary>
    public int Retries { get; private set; }

    public bool ContinueTrying { get; private set; } = true;

    /// <summary>The source of jitter; replace it for a repeatable sequence.</summary>
    public Random Random { get; set; } = Random.Shared;

    /// <summary>The connector of the latest attempt.</summary>
    public IConnector? Connector { get; private set; }

    /// <summary>The wait chosen for the pending retry, if one is scheduled.</summary>
    public TimeSpan? PendingRetryDelay { get; private set; }

    public override void ClientConnectionFailed(IConnector connector, Exception reason)
    {
        if (ContinueTrying)
        {
            Connector = connector;
            Retry();
        }
    }

    public override void ClientConnectionLost(IConnector connector, Exception reason)
    {
        if (ContinueTrying)
        {
            Connector = connector;
            Retry();
        }
    }

    /// <summary>Schedules the next attempt, or gives up when the retries are spent.</summary>
    public void Retry(IConnector? connector = null)
    {
        if (!ContinueTrying) return;
        connector ??= Connector ?? throw new InvalidOperationException("No connector to retry with.");
        Retries++;
        if (MaxRetries is { } max && Retries > max)
        {
            Logger.LogInformation(ProtocolEvents.ClientRetry, "Abandoning {Destination} after {Retries} retries", connector.Destination, max);
            return;
        }

        var seconds = Math.Min(Delay.TotalSeconds * Factor, MaxDelay.TotalSeconds);
        Delay = TimeSpan.FromSeconds(seconds);
        if (Jitter > 0) seconds = NormalVariate(seconds, seconds * Jitter);
        var wait = TimeSpan.FromSeconds(Math.Clamp(seconds, 0, MaxDelay.TotalSeconds));
        Logger.LogInformation(ProtocolEvents.ClientRetry, "Will retry {Destination} in {Seconds:0.###} s", connector.Destination, wait.TotalSeconds);
        PendingRetryDelay = wait;
        var target = connector;
        _pendingRetry = Clock.ScheduleOnce(wait, () =>
        {
            _pendingRetry = null;
            PendingRetryDelay = null;
            target.Connect();
        });
    }

    /// <summary>Stops reconnecting: cancels a scheduled retry and an attempt in progress.</summary>
    public void StopTrying()
    {
        _pendingRetry?.Cancel();
        _pendingRetry = null;
        PendingRetryDelay = null;
        ContinueTrying = false;
        if (Connector is { State: ConnectorState.Connecting } connector) connector.StopConnecting();
    }

    /// <summary>Back to the initial delay and no retries counted; call it when a connection succeeds.</summary>
    public void ResetDelay()
    {
        Delay = InitialDelay;
        Retries = 0;
        _pendingRetry = null;
        ContinueTrying = true;
    }

    private double NormalVariate(double mean, double deviation)
    {
        // Box-Muller: two uniform draws make one normal one.
        var u1 = 1.0 - Random.NextDouble();
        var u2 = Random.NextDouble();
        return mean + deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
