using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace ActorEcho.Bench.Load;

/// <summary>
/// C slots, each running sessions one after another: connect, run one <see cref="Session"/> on the socket, close, again.
/// A session's latency runs from the start of connect to the end of the session; only sessions ending inside the
/// window count. Shared by `load connect` (qotd) and `load tls-handshakes` on .NET's async sockets.
/// </summary>
internal static class SessionLoop
{
    /// <summary>One session on a freshly connected socket; true when it went as the protocol says (a failure is an error).</summary>
    public delegate Task<bool> Session(Socket socket, byte[] buffer);

    // One receive buffer per slot for all its sessions; what the server sends is counted and dropped.
    private const int BufferSize = 1024;

    public static async Task<ConnectResult> RunAsync(LoadSettings settings, Session session)
    {
        var window = LoadWindow.FromNow(settings.WarmUp, settings.Duration);
        var clients = Enumerable.Range(0, settings.Connections).Select(_ => new SessionClient(settings.Server, session)).ToArray();
        var runs = clients.Select(c => Task.Run(() => c.RunAsync(window))).ToArray();
        var serverCpu = WindowCpu.MeasureAsync(window, settings.ServerPid);
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

        return new ConnectResult(sessions, window.Seconds, latency, errors, await serverCpu);
    }

    private sealed class SessionClient(IPEndPoint server, Session session)
    {
        private readonly byte[] _buffer = new byte[BufferSize];
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
                    var ok = await session(socket, _buffer);
                    var ended = Stopwatch.GetTimestamp();
                    if (!ok)
                    {
                        Errors++;
                    }
                    else if (window.Contains(ended))
                    {
                        Sessions++;
                        Latencies.Record(ended - started);
                    }
                }
                // Streams wrap socket failures in IOException; a TLS handshake the client refuses is an AuthenticationException.
                catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or AuthenticationException)
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
