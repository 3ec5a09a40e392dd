using ActorEcho.Configuration;
using ActorEcho.Kernel;
using Microsoft.Extensions.DependencyInjection;

namespace ActorEcho.Hosting;

/// <summary>
/// Describes the actor system that <see cref="ActorSystemServiceCollectionExtensions.AddActorSystem"/> registers:
/// its configuration layers, the actors it starts with, and the startup tasks that run after them. Nothing here runs
/// when the builder is called; configuration files are read when the system is made and actors start with the host.
/// </summary>
public sealed class ActorSystemBuilder
{
    private readonly List<Func<Config>> _configLayers = [];
    private readonly List<Action<ActorSystem, ActorRegistry>> _actorSetups = [];
    private int _hoconCounter;

    internal ActorSystemBuilder(string name, IServiceCollection services)
    {
        Name = name;
        Services = services;
    }

    /// <summary>The actor system's name.</summary>
    public string Name { get; }

    /// <summary>The service collection being built, for extensions that register their own services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Adds a HOCON file, read when the system is made (a relative path is relative to the current directory then).
    /// Its settings override those of layers added before it; reference.conf is under all of them.
    /// </summary>
    public ActorSystemBuilder AddHoconFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _configLayers.Add(() => ConfigurationFactory.Load(path));
        return this;
    }

    /// <summary>Adds HOCON text over the layers before it; <paramref name="originName"/> names it in error messages.</summary>
    public ActorSystemBuilder AddHocon(string hocon, string? originName = null)
    {
        ArgumentNullException.ThrowIfNull(hocon);
        var origin = originName ?? $"hocon #{++_hoconCounter}";
        _configLayers.Add(() => ConfigurationFactory.ParseString(hocon, origin));
        return this;
    }

    /// <summary>Adds an already parsed configuration over the layers before it.</summary>
    public ActorSystemBuilder AddConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _configLayers.Add(() => config);
        return this;
    }

    /// <summary>
    /// Adds a callback that creates actors and registers them; the callbacks run once, in the order added, when the
    /// host starts and before any startup task.
    /// </summary>
    public ActorSystemBuilder WithActors(Action<ActorSystem, ActorRegistry> setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        _actorSetups.Add(setup);
        return this;
    }

    /// <summary>
    /// Adds a startup task (see <see cref="IActorSystemStartup"/>): it runs after every WithActors callback, awaited,
    /// in registration order with the other startups, and gets the service provider to resolve what it needs.
    /// </summary>
    public ActorSystemBuilder AddStartupTask(Func<ActorSystem, IServiceProvider, CancellationToken, Task> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        Services.AddSingleton<IActorSystemStartup>(provider => new DelegateStartup(task, provider));
        return this;
    }

    /// <summary>Adds <typeparamref name="T"/>, made by DI, as a startup (see <see cref="IActorSystemStartup"/>).</summary>
    public ActorSystemBuilder AddStartup<T>() where T : class, IActorSystemStartup
    {
        Services.AddSingleton<IActorSystemStartup, T>();
        return this;
    }

    internal ActorSystemDefinition Build() => new(Name, [.. _configLayers], [.. _actorSetups]);
}
