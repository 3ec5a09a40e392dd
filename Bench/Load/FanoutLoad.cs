namespace ActorEcho.Bench.Load;

/// <summary>
/// `load fanout`: R receivers and one sender join a chat room (ActorEcho's chat protocol: a greeting
/// line, then every line relayed to every other member); the sender writes timed lines at a steady
/// rate, and each delivery's latency (send to arrival) is recorded over all receivers. On Linux arrival is
/// the kernel's receive timestamp: 1,000 receive completions per line queue up on the generator's one core,
/// and timing them would measure the generator as much as the server.
/// </summary>
internal static class FanoutLoad
{
    /// <summary>
    /// Lines per second when none is given, and compare's rate: a busy room. With 1,000 receivers that is 20,000
    /// deliveries a second, well inside one core, so the figure is the latency of fanning one line out, not a
    /// queue building up behind a saturated server.
    /// </summary>
    public const double DefaultRate = 20;

    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(10);

    /// <param name="settings">The server, receiver count and window.</param>
    /// <param name="linesPerSecond">The sender's rate.</param>
    /// <param name="kernelTimestamps">
    /// Time arrivals with the kernel's stamps where the platform has them (the default); false times every run by
    /// the generator's receive completions, the fallback elsewhere.
    /// </param>
    public static async Task<FanoutResult> RunAsync(LoadSettings settings, double linesPerSecond, bool kernelTimestamps = true)
    {
        if (linesPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(linesPerSecond), "the line rate must be positive");
        }

        var (sockets, failures, _) = await ConnectionOpener.OpenAsync(settings.Server, settings.Connections, rotateSourceAddresses: false);
        var opened = sockets.Where(s => s is not null).Select(s => new FanoutReceiver(s!)).ToArray();
        // Every receiver or none: one clock times the whole run. Turned on before the greetings are read, so no
        // relayed line can reach a socket that does not stamp yet.
        var kernelArrival = kernelTimestamps && KernelTimestamps.Supported && opened.All(r => r.TryEnableKernelTimestamps());
        // The room relays only to members it has registered, so every greeting is read before the first line.
        var joins = await Task.WhenAll(opened.Select(JoinAsync));
        var receivers = opened.Where((_, i) => joins[i]).ToArray();
        try
        {
            return await MeasureAsync(settings, linesPerSecond, receivers, failures + joins.Count(j => !j), kernelArrival);
        }
        finally
        {
            // Also when the sender cannot join (a server that is no chat room): no receiver socket outlives the run.
            foreach (var receiver in opened)
            {
                receiver.Abort();
            }
        }
    }

    private static async Task<FanoutResult> MeasureAsync(LoadSettings settings, double linesPerSecond, FanoutReceiver[] receivers, long errors,
        bool kernelArrival)
    {
        using var socket = await ClientSocket.ConnectAsync(settings.Server);
        await ChatGreeting.SkipAsync(socket, new byte[256]).WaitAsync(JoinTimeout);
        var sender = new FanoutSender(socket, linesPerSecond);
        var window = LoadWindow.FromNow(settings.WarmUp, settings.Duration);
        var clock = FanoutClock.For(window, kernelArrival);
        var runs = receivers.Select(r => Task.Run(() => r.RunAsync(clock))).ToArray();
        try
        {
            await sender.RunAsync(window, clock).WaitAsync(settings.WarmUp + settings.Duration + LoadSettings.Grace);
        }
        catch (TimeoutException)
        {
            errors++; // the server stopped reading the sender; receivers then wait for an end line in vain
            ClientSocket.Abort(socket);
        }

        await StopAsync(runs, receivers);

        var latency = new LatencyHistogram();
        long deliveries = 0;
        foreach (var receiver in receivers)
        {
            latency.Merge(receiver.Latencies);
            deliveries += receiver.Deliveries;
            errors += receiver.Errors;
        }

        return new FanoutResult(settings.Connections, receivers.Length, sender.SentInWindow, deliveries, window.Seconds, latency,
            errors, receivers.Count(r => !r.Finished), clock.KernelArrival);
    }

    private static async Task<bool> JoinAsync(FanoutReceiver receiver)
    {
        try
        {
            await receiver.JoinAsync().WaitAsync(JoinTimeout);
            return true;
        }
        catch (Exception e) when (e is IOException or TimeoutException or System.Net.Sockets.SocketException)
        {
            receiver.Abort();
            return false;
        }
    }

    // Receivers stop at the "end" line; one still waiting after the grace period lost lines and is aborted.
    private static async Task StopAsync(Task[] runs, FanoutReceiver[] receivers)
    {
        var all = Task.WhenAll(runs);
        if (await Task.WhenAny(all, Task.Delay(LoadSettings.Grace)) != all)
        {
            foreach (var receiver in receivers.Where(r => !r.Finished))
            {
                receiver.Abort();
            }
        }

        await all;
    }
}
