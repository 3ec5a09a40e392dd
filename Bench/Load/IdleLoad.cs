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
    // Opened and closed before measuring, so the server's one-time costs (JIT of the accept path, thread-pool
    // growth, first GC segments) are not charged to the measured connections.
    private const int WarmUpConnections = 200;

    public static async Task<IdleResult> RunAsync(IPEndPoint server, int count, TimeSpan hold, int? serverPid)
    {
        var (attempt, capped) = Ceiling(count, serverPid);
        // Counted before the warm-up: its sockets close while the run opens, and are gone by the end of the hold.
        var fdsBefore = serverPid is { } pid ? FileLimit.OpenCount(pid) : null;
        var (warmUp, _, _) = await ConnectionOpener.OpenAsync(server, Math.Min(WarmUpConnections, attempt), rotateSourceAddresses: false);
        foreach (var socket in warmUp)
        {
            if (socket is not null)
            {
                ClientSocket.Abort(socket);
            }
        }

        var overflowsBefore = ListenOverflows.Read();
        var rssBefore = ServerMemory.ResidentBytes(serverPid);
        var started = Stopwatch.GetTimestamp();
        var (sockets, failures, firstError) = await ConnectionOpener.OpenAsync(server, attempt, rotateSourceAddresses: true);
        var openTime = Stopwatch.GetElapsedTime(started);
        var overflows = ListenOverflows.Read() - overflowsBefore;
        try
        {
            // Holding the connections idle for H seconds is the measurement itself.
            await Task.Delay(hold);
            var rssAfter = ServerMemory.ResidentBytes(serverPid);
            var fdsAfter = serverPid is { } p ? FileLimit.OpenCount(p) : null;
            var stillUp = sockets.Count(IsStillUp);
            return new IdleResult(count, attempt, attempt - failures, stillUp, openTime, rssBefore, rssAfter, firstError?.ToString(), capped,
                fdsAfter - fdsBefore, overflows);
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

    // Past either side's open-file limit, connects fail (here) or pile up unaccepted in the server's backlog
    // (there), and the figures would describe the limit instead of the server: attempt only what both allow.
    private static (int Attempt, string? Why) Ceiling(int count, int? serverPid)
    {
        var mine = FileLimit.Spare(Environment.ProcessId) ?? int.MaxValue;
        var theirs = serverPid is { } pid ? FileLimit.Spare(pid) ?? int.MaxValue : int.MaxValue;
        var attempt = Math.Min(count, Math.Min(mine, theirs));
        if (attempt == count)
        {
            return (count, null);
        }

        var side = mine <= theirs
            ? $"this generator's open-file limit ({FileLimit.SoftLimit(Environment.ProcessId):N0})"
            : $"the server's open-file limit ({FileLimit.SoftLimit(serverPid!.Value):N0})";
        return (attempt, $"{side} leaves room for {attempt:N0} connections; raise RLIMIT_NOFILE (needs CAP_SYS_RESOURCE) to reach {count:N0}");
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
