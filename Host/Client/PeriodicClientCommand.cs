using System.Runtime.InteropServices;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using ActorEcho.Protocols.Endpoints;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Host.Client;

/// <summary>
/// <c>connect ENDPOINT --every DURATION [--send TEXT]</c> (tcp:, tls: or unix:): Twisted's periodic client. Sends a line every
/// interval while connected, prints the lines it receives, and reconnects with backoff until Ctrl-C or SIGTERM.
/// </summary>
internal static class PeriodicClientCommand
{
    /// <summary>A command-line client should not wait Twisted's hour between attempts once the backoff has grown.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(ConnectOptions options, TextWriter output, TextWriter errors)
    {
        if (!TryParse(options.Endpoint, out var problem))
        {
            await errors.WriteLineAsync($"Host: {problem}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        var (system, logging) = ClientSystem.Create(LogLevel.Information); // its retries are information
        try
        {
            // Lines arrive on the connection's turn; the writer is synchronized so they never interleave.
            var synchronized = TextWriter.Synchronized(output);
            var factory = new PeriodicClientFactory(options.Name, options.Every!.Value, line => synchronized.WriteLine(line), options.Send)
            {
                MaxDelay = MaxDelay,
                Noisy = false, // its retry lines say what happens; start and stop on every reconnect would drown them
            };
            try
            {
                Endpoints.ConnectFromString(system, options.Endpoint, factory);
            }
            catch (EndpointStringException exception) // a tls: endpoint's certificate files are read here
            {
                await errors.WriteLineAsync($"Host: {exception.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            await stop.Task.ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        finally
        {
            // Terminating closes the connection and cancels any pending retry with the factory's actor.
            await system.Terminate().ConfigureAwait(false);
            logging.Dispose();
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true; // we exit on our own, after closing the connection
            stop.TrySetResult();
        }
    }

    /// <summary>A stream endpoint the connector can dial again and again: tcp:, tcp6:, tls: or unix:.</summary>
    private static bool TryParse(string endpoint, out string? problem)
    {
        try
        {
            _ = EndpointString.ParseClient(endpoint);
            problem = null;
            return true;
        }
        catch (EndpointStringException exception)
        {
            problem = exception.Message;
            return false;
        }
    }
}
