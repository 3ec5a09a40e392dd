using ActorEcho.Kernel;

namespace ActorEcho.Hosting.Listeners;

/// <summary>
/// Binds the listeners of <c>actor-echo.listeners</c>. This is the hook the protocol layer fills: the hosting layer
/// reads the definitions and logs them, then hands them here. The default registration binds nothing.
/// </summary>
/// <remarks>
/// <para>Register an implementation with <c>services.AddSingleton&lt;IListenerStarter, T&gt;()</c>, before or after
/// <c>AddActorSystem</c>: the default is added with TryAdd and DI returns the last registration.</para>
/// <para>What an implementation owes: check every definition before binding any (unknown protocol, bad endpoint
/// string, two listeners on one port, unknown or wrong-typed setting) and report a mistake as a
/// <c>ConfigException</c> whose message starts with <c>file:line:</c> and names the key (use
/// <see cref="ListenerDefinition.Origin"/> or <c>Settings.GetOrigin(key)</c>): the Host turns it into exit code 2.
/// Then bind, adding to <see cref="ActorSystem.CoordinatedShutdown"/> as it goes: unbind in service-unbind, drain
/// connections in service-requests-done, abort and stop factories in service-stop. A failed bind throws an
/// exception naming the listener and the port; the coordinated shutdown that follows unbinds the others.</para>
/// </remarks>
public interface IListenerStarter
{
    /// <summary>Called once per host start with every configured listener (possibly none), after the WithActors callbacks.</summary>
    Task StartAsync(ActorSystem system, IReadOnlyList<ListenerDefinition> listeners, CancellationToken cancellationToken);
}
