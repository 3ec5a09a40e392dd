using System.Text;

namespace ActorEcho.Cluster.Broadcast;

/// <summary>
/// Maps a listener name to its NOTIFY channel. The channel is quoted in LISTEN so its case survives, and
/// pg_notify takes it verbatim; identifiers longer than 63 bytes would be truncated silently, so they are refused.
/// </summary>
internal static class BroadcastChannel
{
    private const string Prefix = "actor_echo:";
    private const int MaxIdentifierBytes = 63;

    public static string For(string listener) =>
        Problem(listener) is { } problem ? throw new ArgumentException(problem, nameof(listener)) : Prefix + listener;

    /// <summary>Why the listener's name cannot name a channel, or null when it can.</summary>
    public static string? Problem(string listener)
    {
        if (string.IsNullOrEmpty(listener)) return "An empty listener name cannot name a broadcast channel.";
        if (Encoding.UTF8.GetByteCount(Prefix + listener) > MaxIdentifierBytes || listener.Contains('"') || listener.Contains('\0'))
            return $"Listener name \"{listener}\" cannot name a broadcast channel: at most {MaxIdentifierBytes - Prefix.Length} bytes, no quote or NUL.";
        return null;
    }

    public static string? ListenerOf(string channel) => channel.StartsWith(Prefix, StringComparison.Ordinal) ? channel[Prefix.Length..] : null;

    /// <summary>The channel as a quoted identifier, for LISTEN and UNLISTEN (which take no parameters).</summary>
    public static string Quoted(string channel) => "\"" + channel + "\"";
}
