using Akka.Actor;
using Akka.Configuration;
using AkkaConfig = Akka.Configuration.Config;

namespace ActorEcho.Bench;

/// <summary>
/// The actor systems Bench measures or serves with (kernel, connmem, the Akka.IO baseline): Akka's defaults (default
/// dispatcher on the .NET thread pool, throughput 30, unbounded mailboxes, Akka.IO's default settings), only quieter,
/// so log lines neither cost time nor fill the output, and with no signal hook: each command ends its system itself.
/// </summary>
internal static class AkkaBenchSystem
{
    private static readonly AkkaConfig Quiet = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        """);

    public static ActorSystem Create(string name, string? settings = null)
    {
        var system = ActorSystem.Create(name, settings is null ? Quiet : ConfigurationFactory.ParseString(settings).WithFallback(Quiet));
        // What a long-running system has done long before: started its scheduler (a fresh one stalls the first burst of connections).
        IO.SchedulerWarmUp.Start(system);
        return system;
    }

    /// <summary>The Akka.NET version under measurement, as its package names it.</summary>
    public static string AkkaVersion =>
        typeof(ActorSystem).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0]
        ?? typeof(ActorSystem).Assembly.GetName().Version?.ToString() ?? "?";
}
