using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ActorEcho.Bench.Load;

/// <summary>
/// `load idle`: opens N connections from rotating 127.0.0.x source addresses, holds them without
/// traffic, and reports how many survived and what each cost the server.
/// </summary>
internal static class IdleLoad
{
    public static async Task<IdleResult> RunAsync(IPEndPoint server, int count, TimeSpan hold, int? serverPid)
    {
        var rssBefore = ServerMemory.ResidentBytes(serverPid);
        var started = Stopwatch.GetTimestamp();
        var (sockets, failures, firstError) = await ConnectionOpener.OpenAsync(server, count, rotateSourceAddresses: true);
        var openTime = Stopwatch.GetElapsedTime(started);
        try
        {
            // Holding the connections idle for H seconds is the measurement itself.
            await Task.Delay(hold);
            var rssAfter = ServerMemory.ResidentBytes(serverPid);
            var stillUp = sockets.Count(IsStillUp);
            return new IdleResult(count, count - failures, stillUp, openTime, rssBefore, rssAfter, firstError?.ToString());
        }
        finally
        {
            foreach (var socket in sockets)
            {
                if (socket is not null)
                {
                    ClientSocket.Abort(socket);
                }
            }
        }
    }

    // Nothing was sent, so an idle server owes no bytes: a readable socket means FIN or RST arrived.
    private static bool IsStillUp(Socket? socket)
    {
        if (socket is null)
        {
            return false;
        }

        try
        {
            return !socket.Poll(0, SelectMode.SelectRead) || socket.Available > 0;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
