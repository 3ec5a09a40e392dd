using System.Net.Sockets;
using ActorEcho.Bench.Load.Epoll;

namespace ActorEcho.Bench.Load;

/// <summary>`load echo`: C connections, each with D messages of S bytes in flight.</summary>
internal static class EchoLoad
{
    /// <summary>Runs on <paramref name="engine"/>, or on <see cref="GeneratorEngines.Default"/> when null.</summary>
    public static Task<EchoResult> RunAsync(LoadSettings settings, int messageSize, int depth, GeneratorEngine? engine = null)
    {
        if (messageSize < 1 || depth < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(messageSize), "message size and depth must be at least 1");
        }

        return GeneratorEngines.Resolve(engine) == GeneratorEngine.Epoll
            ? EpollEchoLoad.RunAsync(settings, messageSize, depth)
            : RunOnAsyncSocketsAsync(settings, messageSize, depth);
    }

    // The fallback engine: one async loop per connection (EchoClient), straight over each socket.
    private static Task<EchoResult> RunOnAsyncSocketsAsync(LoadSettings settings, int messageSize, int depth) =>
        RunOnStreamsAsync(settings, messageSize, depth, socket => Task.FromResult<Stream>(new NetworkStream(socket, ownsSocket: false)));

    /// <summary>
    /// Echo over whatever <paramref name="open"/> makes of each connected socket (TLS: an authenticated SslStream). A
    /// connection that fails to open or to become a stream is an error, not an exception.
    /// </summary>
    internal static async Task<EchoResult> RunOnStreamsAsync(LoadSettings settings, int messageSize, int depth, Func<Socket, Task<Stream>> open)
    {
        var (sockets, failures, _) = await ConnectionOpener.OpenAsync(settings.Server, settings.Connections, rotateSourceAddresses: false);
        var opened = await Task.WhenAll(sockets.Where(s => s is not null).Select(s => OpenStreamAsync(s!, open)));
        var clients = opened.Where(c => c is not null).Select(c => new EchoClient(c!.Value.Socket, c.Value.Stream, messageSize, depth)).ToArray();
        // The window starts once every connection is open, so connect time never counts as echo time.
        var window = LoadWindow.FromNow(settings.WarmUp, settings.Duration);
        var runs = clients.Select(c => Task.Run(() => c.RunAsync(window))).ToArray();
        var serverCpu = WindowCpu.MeasureAsync(window, settings.ServerPid);
        await window.WhenOverAsync();
        await StopAsync(runs, clients);

        var latency = new LatencyHistogram();
        long messages = 0, errors = failures + opened.Count(c => c is null);
        foreach (var client in clients)
        {
            latency.Merge(client.Latencies);
            messages += client.Messages;
            errors += client.Errors;
            client.Dispose();
        }

        return new EchoResult(messages, window.Seconds, messageSize, latency, errors, await serverCpu);
    }

    private static async Task<(Socket Socket, Stream Stream)?> OpenStreamAsync(Socket socket, Func<Socket, Task<Stream>> open)
    {
        try
        {
            return (socket, await open(socket));
        }
        catch (Exception e) when (e is IOException or SocketException or System.Security.Authentication.AuthenticationException)
        {
            ClientSocket.Abort(socket);
            return null;
        }
    }

    // Clients notice the window closed on their next echo; a client whose server went quiet is aborted
    // after the grace period, and buffers are returned only once every loop has finished with them.
    private static async Task StopAsync(Task[] runs, EchoClient[] clients)
    {
        var all = Task.WhenAll(runs);
        if (await Task.WhenAny(all, Task.Delay(LoadSettings.Grace)) != all)
        {
            foreach (var client in clients)
            {
                client.Abort();
            }
        }

        await all;
    }
}
