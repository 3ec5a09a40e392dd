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
    private static Task<ConnectResult> RunOnAsyncSocketsAsync(LoadSettings settings) => SessionLoop.RunAsync(settings, ReadQuoteAsync);

    // A qotd session: read until the server closes; closing without a quote is a failure.
    private static async Task<bool> ReadQuoteAsync(Socket socket, byte[] buffer)
    {
        var total = 0;
        int read;
        while ((read = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None)) > 0)
        {
            total += read;
        }

        return total > 0;
    }
}
