using ActorEcho.Kernel;

namespace ActorEcho.Hosting;

/// <summary>A startup task given as a delegate to <see cref="ActorSystemBuilder.AddStartupTask"/>.</summary>
internal sealed class DelegateStartup(Func<ActorSystem, IServiceProvider, CancellationToken, Task> run, IServiceProvider services)
    : IActorSystemStartup
{
    public Task StartAsync(ActorSystem system, CancellationToken cancellationToken) => run(system, services, cancellationToken);
}
