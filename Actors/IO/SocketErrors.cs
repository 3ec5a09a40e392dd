using System.Net.Sockets;

namespace ActorEcho.IO;

/// <summary>The one place where socket errors become the words of a close event or a failed command.</summary>
internal static class SocketErrors
{
    /// <summary>The cause an <c>ErrorClosed</c> carries.</summary>
    public static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => "connection reset by peer",
        SocketError.TimedOut => "connection timed out",
        _ => $"socket error {error} ({(int)error})",
    };

    /// <summary>The .NET exception for a failed command, with a message that names what was being done.</summary>
    public static SocketException Exception(SocketError error, string what) => new DescribedSocketException(error, what);

    private sealed class DescribedSocketException(SocketError error, string what) : SocketException((int)error)
    {
        public override string Message => $"{what}: {base.Message}";
    }
}
