using ActorEcho.Cluster.Hosting;
using ActorEcho.Configuration;
using ActorEcho.Host;
using ActorEcho.Host.Client;
using ActorEcho.Hosting.Configuration;
using ActorEcho.Hosting.Protocols;

// Everything that can be wrong with the input is found here, before a host exists, so a mistake never leaves
// anything half-started: exit code 2 and one line on stderr.
var commandLine = CommandLine.Parse(args, out var error);
if (commandLine is null)
{
    Console.Error.WriteLine($"Host: {error}");
    Console.Error.WriteLine(CommandLine.Usage);
    return ExitCodes.BadInput;
}

if (commandLine.ShowHelp)
{
    Console.WriteLine(CommandLine.Usage);
    Console.WriteLine();
    Console.WriteLine(ConnectOptions.Usage);
    return ExitCodes.Ok;
}

if (commandLine.Connect is { } connect) return await ClientCommand.RunAsync(connect);

// Caught before anything slow happens (reading the file, building the host), so no signal finds the runtime's default.
using var stop = new StopSignals();

var path = ConfigLocator.Locate(commandLine.ConfigFile, Environment.GetEnvironmentVariable, Environment.CurrentDirectory, AppContext.BaseDirectory);
if (path is null)
{
    Console.Error.WriteLine(
        $"Host: {ConfigLocator.DefaultFileName} not found in {Environment.CurrentDirectory} or {AppContext.BaseDirectory} or their parents; " +
        $"pass --config FILE or set {ConfigLocator.EnvironmentVariable}");
    return ExitCodes.BadInput;
}

Config config;
HostSettings settings;
try
{
    config = ConfigurationFactory.Load(path);
    // Every actor-echo setting, listeners included, is checked here: nothing has started, so a mistake leaves nothing behind.
    var withDefaults = SettingsCheck.Check(config, ServiceHost.Catalog());
    settings = HostSettings.From(withDefaults);
    // ActorEcho's cluster settings, whether or not the node is a cluster member, its seed addresses when it is, and the
    // listeners' fit with it (a cluster scope needs akka.actor.provider = cluster).
    _ = ClusterSettingsCheck.Check(withDefaults, ServiceHost.Catalog(), ServiceHost.SystemName);
}
catch (ConfigException exception)
{
    Console.Error.WriteLine(exception.Message);
    return ExitCodes.BadInput;
}

if (stop.Requested)
{
    // Stopped before anything started: nothing to drain, nothing to report.
    return ExitCodes.Ok;
}

return await ServiceHost.RunAsync(config, settings, stop);
