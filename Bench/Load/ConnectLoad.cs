using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorEcho.Bench.Load.Epoll;

namespace ActorEcho.Bench.Load;

/// <summary>
/// `load connect`: C clients each connect, read until the server closes (qotd), and reconnect.
/// A session's latency runs from the start of connect to the server's close.
/// </summary>
internal static class ConnectLoad
{
    /// <summary>Runs on <paramref name="engine"/>, or on <see cref="GeneratorEngines.Default"/> when null.</summary>
    public static Task<ConnectResult> RunAsync(LoadSettings settings, GeneratorEngine? engine = null) =>
        GeneratorEngines.Resolve(engine) == GeneratorEngine.Epoll ? EpollConnectLoad.RunAsync(settings) : RunOnAsyncSocketsAsync(settings);

    // The fallback engine: one async loop per session slot.
    private static async Task<ConnectResult> RunOnAsyncSocketsAsync(LoadSettings settings)
    {
        var window = LoadWindow.FromNow(settings.WarmUp, settings.Duration);
        var clients = Enumerable.Range(0, settings.Connections).Select(_ => new SessionClient(settings.Server)).ToArray();
        var runs = clients.Select(c => Task.Run(() => c.RunAsync(window))).ToArray();
        await window.WhenOverAsync();
        var all = Task.WhenAll(runs);
        if (await Task.WhenAny(all, Task.Delay(LoadSettings.Grace)) != all)
        {
            foreach (var client in clients)
            {
                client.Abort(); // a server that never closes must not hang the run
            }
        }

        await all;
        var latency = new LatencyHistogram();
        long sessions = 0, errors = 0;
        foreach (var client in clients)
        {
            latency.Merge(client.Latencies);
            sessions += client.Sessions;
            errors += client.Errors;
        }

        return new ConnectResult(sessions, window.Seconds, latency, errors);
    }

    private sealed class SessionClient(IPEndPoint server)
    {
        // One receive buffer per client for all its sessions; the quote is read and dropped.
        private readonly byte[] _buffer = new byte[1024];
        private Socket? _current;

        public LatencyHistogram Latencies { get; } = new();

        public long Sessions { get; private set; }

        public long Errors { get; private set; }

        public void Abort()
        {
            if (Volatile.Read(ref _current) is { } socket)
            {
                ClientSocket.Abort(socket);
            }
        }

        public async Task RunAsync(LoadWindow window)
        {
            while (!window.IsOver(Stopwatch.GetTimestamp()))
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var socket = await ClientSocket.ConnectAsync(server);
                    Volatile.Write(ref _current, socket);
                    var total = 0;
                    int read;
                    while ((read = await socket.ReceiveAsync(_buffer.AsMemory(), SocketFlags.None)) > 0)
                    {
                        total += read;
                    }

                    var ended = Stopwatch.GetTimestamp();
                    if (total == 0)
                    {
                        Errors++; // closed without a quote
                    }
                    else if (window.Contains(ended))
                    {
                        Sessions++;
                        Latencies.Record(ended - started);
                    }
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    if (!window.IsOver(Stopwatch.GetTimestamp()))
                    {
                        Errors++;
                    }
                }
            }
        }
    }
}
