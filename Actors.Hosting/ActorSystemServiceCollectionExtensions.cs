using System.Diagnostics.Metrics;
using ActorEcho.Diagnostics;
using ActorEcho.Kernel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Hosting;

/// <summary>Joins an <see cref="ActorSystem"/> to Microsoft.Extensions.Hosting, as Akka.Hosting does for Akka.NET.</summary>
public static class ActorSystemServiceCollectionExtensions
{
    /// <summary>
    /// Registers one actor system and a hosted service that starts it with the host and stops it through its
    /// coordinated shutdown. DI then serves the <see cref="ActorSystem"/> (logging to DI's
    /// <see cref="ILoggerFactory"/>), the <see cref="ActorRegistry"/>, <see cref="IRequiredActor{TKey}"/> and
    /// <see cref="ActorEchoMetrics"/>. One actor system per service collection: a second call throws.
    /// </summary>
    /// <remarks>
    /// When the system terminates without the host asking (someone called <c>Terminate</c> or ran the coordinated
    /// shutdown), the hosted service sets <see cref="Environment.ExitCode"/> to
    /// <c>actor-echo.hosting.system-terminated-exit-code</c> (1 by default) and then calls
    /// <c>IHostApplicationLifetime.StopApplication</c>. A Main that returns an int must return
    /// <see cref="Environment.ExitCode"/> after the host has run, or that code is lost.
    /// </remarks>
    public static IServiceCollection AddActorSystem(this IServiceCollection services, string name, Action<ActorSystemBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(ActorSystemDefinition)))
            throw new InvalidOperationException($"AddActorSystem(\"{name}\") was called twice; one actor system per service collection.");

        var builder = new ActorSystemBuilder(name, services);
        configure(builder);
        services.AddSingleton(builder.Build());
        services.AddLogging();
        services.TryAddSingleton<ActorRegistry>();
        services.TryAddSingleton(typeof(IRequiredActor<>), typeof(RequiredActor<>));
        services.TryAddSingleton(provider => new ActorEchoMetrics(provider.GetService<IMeterFactory>()));
        services.TryAddSingleton<IProcessExitCode, EnvironmentExitCode>();
        services.AddSingleton(CreateSystem);
        services.AddHostedService<ActorSystemHostedService>();
        return services;
    }

    private static ActorSystem CreateSystem(IServiceProvider provider)
    {
        var definition = provider.GetRequiredService<ActorSystemDefinition>();
        var system = ActorSystem.Create(definition.Name, definition.LoadConfig(), new ActorSystemSetup
        {
            LoggerFactory = provider.GetRequiredService<ILoggerFactory>(),
        });
        // Seed the extension slot so the IO and protocol layers report to the same instruments DI hands out.
        var metrics = provider.GetRequiredService<ActorEchoMetrics>();
        system.GetOrCreateExtension(_ => metrics);
        return system;
    }
}
