using System.Net;

namespace ActorEcho.Bench.Load;

/// <summary>
/// What every load mode is given: where the server is, how many connections, how long to warm up
/// and measure, and optionally the server's pid so its VmRSS can be read before and after.
/// </summary>
internal sealed record LoadSettings(IPEndPoint Server, int Connections, TimeSpan WarmUp, TimeSpan Duration, int? ServerPid = null)
{
    /// <summary>How long a client may stay blocked after the window before the run aborts its socket.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);
}
