using System.Net.Sockets;

namespace ActorEcho.IO;

/// <summary>
/// The one place where socket errors become connection errors: a small closed set of kinds, so callers
/// (and the protocol layer's ConnectionDone/ConnectionLost) never switch over raw error codes.
/// </summary>
internal static class SocketErrors
{
    public static Tcp.ConnectionError Classify(SocketError error) => error switch
    {
        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown =>
            new Tcp.ConnectionError(Tcp.ConnectionErrorKind.ResetByPeer, error, "connection reset by peer"),
        SocketError.TimedOut =>
            new Tcp.ConnectionError(Tcp.ConnectionErrorKind.TimedOut, error, "connection timed out"),
        _ => new Tcp.ConnectionError(Tcp.ConnectionErrorKind.Other, error, $"socket error {error} ({(int)error})"),
    };

    /// <summary>Errors that mean the process ran out of descriptors or buffers: accepting should back off, not stop.</summary>
    public static bool IsResourceExhaustion(SocketError error) =>
        error is SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable;

    /// <summary>The .NET exception for a failed command, with a message that names what was being done.</summary>
    public static SocketException Exception(SocketError error, string what) => new DescribedSocketException(error, what);

    private sealed class DescribedSocketException(SocketError error, string what) : SocketException((int)error)
    {
        public override string Message => $"{what}: {base.Message}";
    }
}
