using ActorEcho.Kernel;

namespace ActorEcho.Hosting.Listeners;

/// <summary>The default <see cref="IListenerStarter"/> until the protocol layer registers one: binds nothing.</summary>
internal sealed class NoListenerStarter : IListenerStarter
{
    public Task StartAsync(ActorSystem system, IReadOnlyList<ListenerDefinition> listeners, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
