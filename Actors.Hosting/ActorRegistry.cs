using System.Collections.Concurrent;
using ActorEcho.Kernel;

namespace ActorEcho.Hosting;

/// <summary>
/// Top-level actors by key type, so that services taken from DI can find them (the key is usually the actor's
/// class or a marker type). Filled in <see cref="ActorSystemBuilder.WithActors"/>; each key is registered once.
/// Thread-safe.
/// </summary>
public sealed class ActorRegistry
{
    // A completion source per key: Get reads a completed one, WaitForAsync awaits one that may be completed later.
    private readonly ConcurrentDictionary<Type, TaskCompletionSource<IActorRef>> _entries = new();

    /// <summary>Registers <paramref name="actor"/> under <typeparamref name="TKey"/>; throws when the key already has one.</summary>
    public void Register<TKey>(IActorRef actor)
    {
        if (!TryRegister<TKey>(actor))
            throw new InvalidOperationException(
                $"An actor is already registered under {KeyName<TKey>()} ({Get<TKey>().Path}); cannot register {actor.Path} there too.");
    }

    /// <summary>Registers <paramref name="actor"/> under <typeparamref name="TKey"/> unless the key already has one.</summary>
    public bool TryRegister<TKey>(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Entry(typeof(TKey)).TrySetResult(actor);
    }

    /// <summary>The actor registered under <typeparamref name="TKey"/>; throws <see cref="KeyNotFoundException"/> naming the key when there is none.</summary>
    public IActorRef Get<TKey>() =>
        TryGet<TKey>(out var actor)
            ? actor
            : throw new KeyNotFoundException(
                $"No actor is registered under {KeyName<TKey>()}. Register it in WithActors: registry.Register<{typeof(TKey).Name}>(actorRef).");

    public bool TryGet<TKey>([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IActorRef? actor)
    {
        actor = _entries.TryGetValue(typeof(TKey), out var entry) && entry.Task.IsCompletedSuccessfully ? entry.Task.Result : null;
        return actor is not null;
    }

    /// <summary>Completes with the actor registered under <typeparamref name="TKey"/>, now or once it is registered.</summary>
    public Task<IActorRef> WaitForAsync<TKey>(CancellationToken cancellationToken = default) =>
        Entry(typeof(TKey)).Task.WaitAsync(cancellationToken);

    private TaskCompletionSource<IActorRef> Entry(Type key) =>
        _entries.GetOrAdd(key, static _ => new TaskCompletionSource<IActorRef>(TaskCreationOptions.RunContinuationsAsynchronously));

    private static string KeyName<TKey>() => typeof(TKey).FullName ?? typeof(TKey).Name;
}
