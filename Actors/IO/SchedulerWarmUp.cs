using Akka.Actor;

namespace ActorEcho.IO;

/// <summary>
/// Starts an actor system's scheduler before connections need it. Akka 1.5.75's default scheduler starts its timer
/// thread on first use and blocks every caller until that thread runs; the callers are actors on thread-pool threads,
/// so a burst of new connections, each arming a timeout (a register timeout, Akka.IO's too), blocked every pool thread
/// at once. Measured: 50 simultaneous connects to a fresh Host stalled one to several seconds, until the pool grew.
/// </summary>
internal static class SchedulerWarmUp
{
    public static void Start(ActorSystem system) =>
        system.Scheduler.ScheduleTellOnce(TimeSpan.Zero, ActorRefs.Nobody, Started.Instance, ActorRefs.NoSender);

    private sealed class Started
    {
        public static readonly Started Instance = new();
    }
}
