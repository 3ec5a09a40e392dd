using ActorEcho.Cluster.Hosting;
using ActorEcho.Configuration;
using ActorEcho.Hosting;
using ActorEcho.Hosting.Diagnostics;
using ActorEcho.Hosting.Listeners;
using ActorEcho.Hosting.Protocols;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using GenericHost = Microsoft.Extensions.Hosting.Host;

namespace ActorEcho.Host;

/// <summary>Builds and runs the generic host around the actor system; maps how it ended to an exit code.</summary>
internal static class ServiceHost
{
    public const string SystemName = "actor-echo";

    public static async Task<int> RunAsync(Config config, HostSettings settings)
    {
        // Args are ours, not the generic host's: its command-line configuration source would accept any --key value.
        var builder = GenericHost.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss.fff ";
        });
        // Ctrl-C and SIGTERM reach the hosted service's StopAsync through the console lifetime; this bounds that stop.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = settings.ShutdownTimeout);
        builder.Services.AddActorSystem(SystemName, system => system.AddConfig(config).WithMetricsLog().WithCluster().WithProtocolListeners());

        try
        {
            await builder.Build().RunAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (Find<ConfigException>(exception) is { } configError)
        {
            // A startup (the listener starter, say) found a mistake before binding: same contract as a bad file.
            Console.Error.WriteLine(configError.Message);
            return ExitCodes.BadInput;
        }
        catch (Exception exception) when (Find<ListenerStartException>(exception) is { } bindError)
        {
            // A port in use, say: one line naming the listener and the port, no stack trace.
            Console.Error.WriteLine($"Host: {bindError.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception exception)
        {
            Console.Error.WriteLine($"Host: failed: {exception}");
            return ExitCodes.Failure;
        }

        // Zero after a requested stop; the hosted service set it non-zero if the actor system died on its own.
        return Environment.ExitCode;
    }

    private static T? Find<T>(Exception exception) where T : Exception => exception switch
    {
        T match => match,
        AggregateException { InnerExceptions.Count: 1 } aggregate => Find<T>(aggregate.InnerExceptions[0]),
        _ => null,
    };
}
