namespace ActorEcho.Host.Client;

/// <summary>Runs <c>Host connect ...</c>: the periodic client with <c>--every</c>, the line client without.</summary>
internal static class ClientCommand
{
    public static Task<int> RunAsync(ConnectOptions options) => options.Every is null
        ? LineClient.RunAsync(options, Console.In, Console.OpenStandardOutput(), Console.Error)
        : PeriodicClientCommand.RunAsync(options, Console.Out, Console.Error);
}
