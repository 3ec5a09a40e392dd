using ActorEcho.Kernel;

namespace ActorEcho.Hosting;

/// <summary>DI's implementation of <see cref="IRequiredActor{TKey}"/>; caches the reference once found.</summary>
internal sealed class RequiredActor<TKey>(ActorRegistry registry) : IRequiredActor<TKey>
{
    private IActorRef? _actor;

    public IActorRef ActorRef => _actor ??= registry.Get<TKey>();

    public async Task<IActorRef> GetAsync(CancellationToken cancellationToken = default) =>
        _actor ??= await registry.WaitForAsync<TKey>(cancellationToken).ConfigureAwait(false);
}
