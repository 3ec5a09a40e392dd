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

    // The fallback engine: one async loop per connection (EchoClient).
    private static async Task<EchoResult> RunOnAsyncSocketsAsync(LoadSettings settings, int messageSize, int depth)
    {
        var (sockets, failures, _) = await ConnectionOpener.OpenAsync(settings.Server, settings.Connections, rotateSourceAddresses: false);
        var clients = sockets.Where(s => s is not null).Select(s => new EchoClient(s!, messageSize, depth)).ToArray();
        // The window starts once every connection is open, so connect time never counts as echo time.
        var window = LoadWindow.FromNow(settings.WarmUp, settings.Duration);
        var runs = clients.Select(c => Task.Run(() => c.RunAsync(window))).ToArray();
        await window.WhenOverAsync();
        await StopAsync(runs, clients);

        var latency = new LatencyHistogram();
        long messages = 0, errors = failures;
        foreach (var client in clients)
        {
            latency.Merge(client.Latencies);
            messages += client.Messages;
            errors += client.Errors;
            client.Dispose();
        }

        return new EchoResult(messages, window.Seconds, messageSize, latency, errors);
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
