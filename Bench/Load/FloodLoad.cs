using System.Diagnostics;
using System.Net.Sockets;

namespace ActorEcho.Bench.Load;

/// <summary>
/// `load flood`: C clients write as fast as they can and never read. Against an echo server this
/// shows whether a peer that never reads can grow server memory (it must not: backpressure).
/// </summary>
internal static class FloodLoad
{
    private const int ChunkSize = 64 * 1024;

    public static async Task<FloodResult> RunAsync(LoadSettings settings)
    {
        var (sockets, failures, _) = await ConnectionOpener.OpenAsync(settings.Server, settings.Connections, rotateSourceAddresses: false);
        var open = sockets.Where(s => s is not null).Select(s => s!).ToArray();
        var rssBefore = ServerMemory.ResidentBytes(settings.ServerPid);
        var chunk = new byte[ChunkSize];
        chunk.AsSpan().Fill((byte)'x');
        var window = LoadWindow.FromNow(TimeSpan.Zero, settings.Duration);
        var written = new long[open.Length];
        var errors = new long[open.Length];
        var runs = open.Select((s, i) => Task.Run(() => WriteUntilOverAsync(s, chunk, window, written, errors, i))).ToArray();
        await window.WhenOverAsync();
        // Read the server's memory while every client is still connected and its data still queued.
        var rssAfter = ServerMemory.ResidentBytes(settings.ServerPid);
        // Writers are blocked in sends the server will never drain: aborting is how they stop.
        foreach (var socket in open)
        {
            ClientSocket.Abort(socket);
        }

        await Task.WhenAll(runs);
        return new FloodResult(written.Sum(), window.Seconds, rssBefore, rssAfter, errors.Sum() + failures);
    }

    private static async Task WriteUntilOverAsync(Socket socket, byte[] chunk, LoadWindow window, long[] written, long[] errors, int index)
    {
        try
        {
            while (!window.IsOver(Stopwatch.GetTimestamp()))
            {
                var sent = await socket.SendAsync(chunk.AsMemory(), SocketFlags.None);
                written[index] += sent; // only this task writes its slot; read after it finishes
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            if (!window.IsOver(Stopwatch.GetTimestamp()))
            {
                errors[index]++;
            }
        }
    }
}
