using System.Globalization;

namespace ActorEcho.Bench.Load;

/// <summary>
/// The kernel's count of handshakes dropped because a listener's accept queue was full (TcpExt
/// ListenOverflows in /proc/net/netstat). The client's connect completes before the server accepts, so a
/// generator can outrun a slow acceptor; each drop then costs a SYN retransmit of a second or more, which
/// is what a slow "time to open" usually is. Machine-wide: other traffic on the host counts too.
/// </summary>
internal static class ListenOverflows
{
    private const string Counter = "ListenOverflows";

    /// <summary>The counter now, or null without /proc/net/netstat.</summary>
    public static long? Read()
    {
        try
        {
            // Pairs of lines: "TcpExt: Name1 Name2 ..." then "TcpExt: value1 value2 ...".
            string? names = null;
            foreach (var line in File.ReadLines("/proc/net/netstat"))
            {
                if (!line.StartsWith("TcpExt:", StringComparison.Ordinal))
                {
                    continue;
                }

                if (names is null)
                {
                    names = line;
                    continue;
                }

                var index = Array.IndexOf(names.Split(' '), Counter);
                return index < 0 ? null : long.Parse(line.Split(' ')[index], CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
            // No /proc: no figure rather than a wrong one.
        }

        return null;
    }
}
