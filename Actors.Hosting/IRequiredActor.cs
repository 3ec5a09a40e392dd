using ActorEcho.Kernel;

namespace ActorEcho.Hosting;

/// <summary>
/// The actor registered under <typeparamref name="TKey"/> in the <see cref="ActorRegistry"/>, injectable into any
/// service. It is looked up on first use, not when the service is made, so services may be built before the
/// actor system has started.
/// </summary>
public interface IRequiredActor<TKey>
{
    /// <summary>The registered actor; throws <see cref="KeyNotFoundException"/> naming the key when none is registered yet.</summary>
    IActorRef ActorRef { get; }

    /// <summary>Completes with the actor once it is registered (at once when it already is).</summary>
    Task<IActorRef> GetAsync(CancellationToken cancellationToken = default);
}
