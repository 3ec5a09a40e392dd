using ActorEcho.Configuration;
using ActorEcho.Hosting.Listeners;
using ActorEcho.Protocols;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ActorEcho.Hosting.Protocols;

/// <summary>Protocol selection from configuration: register protocols by name, bind what <c>actor-echo.listeners</c> names.</summary>
public static class ProtocolBuilderExtensions
{
    /// <summary>
    /// Binds the listeners of <c>actor-echo.listeners</c> with the built-in protocols and those added with
    /// <see cref="AddProtocol{T}"/>; every listener is checked before any binds.
    /// </summary>
    public static ActorSystemBuilder WithProtocolListeners(this ActorSystemBuilder builder)
    {
        builder.Services.TryAddSingleton<ProtocolCatalog>();
        builder.Services.AddSingleton<IListenerStarter, ProtocolListenerStarter>();
        return builder.WithListenersFromConfig();
    }

    /// <summary>Makes <typeparamref name="T"/> selectable as <c>protocol = name</c>; it has no settings of its own.</summary>
    public static ActorSystemBuilder AddProtocol<T>(this ActorSystemBuilder builder, string name) where T : Protocol, new()
    {
        builder.Services.AddSingleton(ProtocolRegistration.For<T>(name));
        return builder;
    }

    /// <summary>A protocol with settings: <paramref name="settings"/> lists them with their kinds; <paramref name="create"/> builds each connection's protocol.</summary>
    public static ActorSystemBuilder AddProtocol(this ActorSystemBuilder builder, string name, IReadOnlyDictionary<string, SettingKind> settings,
        Func<Config, Func<Protocol>> create)
    {
        builder.Services.AddSingleton(new ProtocolRegistration(name, settings, config => new Factory(create(config))));
        return builder;
    }

    /// <summary>A protocol whose listeners need their own factory type (shared state, limits, broadcast).</summary>
    public static ActorSystemBuilder AddProtocolFactory(this ActorSystemBuilder builder, string name, IReadOnlyDictionary<string, SettingKind> settings,
        Func<Config, Factory> create)
    {
        builder.Services.AddSingleton(new ProtocolRegistration(name, settings, create));
        return builder;
    }
}
