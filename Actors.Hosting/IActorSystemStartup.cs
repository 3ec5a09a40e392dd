using ActorEcho.Kernel;

namespace ActorEcho.Hosting;

/// <summary>
/// The hook for code that must run when the host starts, after the actor system exists and every
/// <see cref="ActorSystemBuilder.WithActors"/> callback has run; this is where listeners are bound.
/// </summary>
/// <remarks>
/// <para>Register an implementation in DI (<c>services.AddSingleton&lt;IActorSystemStartup, MyStartup&gt;()</c>, or
/// <see cref="ActorSystemBuilder.AddStartup{T}"/>), or pass a delegate to
/// <see cref="ActorSystemBuilder.AddStartupTask"/>. All of them run one after the other, awaited, in the order they
/// were registered, inside the host's StartAsync: the host counts as started only after the last one completes.</para>
/// <para>What a startup opens it also closes, by adding tasks to the system's
/// <see cref="CoordinatedShutdown"/> as it goes (unbind in service-unbind, drain in service-requests-done, stop in
/// service-stop). An exception fails the host's start; the coordinated shutdown then runs (reason
/// "startup failed"), so what earlier startups opened is closed, and the exception reaches the caller of the
/// host's StartAsync. A <c>ConfigException</c> is how a startup reports a configuration mistake: the Host
/// executable turns it into exit code 2 with its message.</para>
/// </remarks>
public interface IActorSystemStartup
{
    Task StartAsync(ActorSystem system, CancellationToken cancellationToken);
}
