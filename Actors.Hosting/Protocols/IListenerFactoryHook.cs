using ActorEcho.Hosting.Listeners;
using Akka.Actor;
using ActorEcho.Protocols;

namespace ActorEcho.Hosting.Protocols;

/// <summary>
/// Lets another layer (the cluster) take part in the factories that <c>WithProtocolListeners</c> makes: set a
/// <see cref="Factory.BroadcastRelay"/>, a <see cref="Factory.CountObserver"/>, or limits counted elsewhere. Register
/// implementations in DI; each sees every factory once, in registration order.
/// </summary>
public interface IListenerFactoryHook
{
    /// <summary>
    /// Called after every listener was checked and before any binds. A <c>ConfigException</c> thrown here refuses the
    /// configuration with nothing bound (the Host exits with code 2).
    /// </summary>
    void Configure(ActorSystem system, ListenerFactory listener);
}

/// <summary>A factory made for configured listeners, before it binds.</summary>
/// <param name="Name">The factory's name: its listener's, or for a shared factory the <c>factory</c> setting's.</param>
/// <param name="Factory">The factory; change it only inside <see cref="IListenerFactoryHook.Configure"/>.</param>
/// <param name="Scope">Where its <c>max-connections</c> is to be counted.</param>
/// <param name="Listeners">The listeners it serves (more than one when shared), for messages that name them.</param>
public sealed record ListenerFactory(string Name, Factory Factory, LimitScope Scope, IReadOnlyList<ListenerDefinition> Listeners);
