using System.Net.Sockets;

namespace ActorEcho.Bench.Load.Tls;

/// <summary>
/// `load tls-echo` and `load tls-handshakes`, on .NET's async sockets with an SslStream per connection (the epoll
/// engine speaks no TLS). Every server gets the same client: <see cref="TlsClient"/>.
/// </summary>
internal static class TlsLoad
{
    private const byte EndOfMessage = (byte)'\n';

    /// <summary>Echo as `load echo` counts it, each connection first completing its handshake (before the window opens).</summary>
    public static Task<EchoResult> EchoAsync(LoadSettings settings, TlsClient tls, int messageSize, int depth)
    {
        if (messageSize < 1 || depth < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(messageSize), "message size and depth must be at least 1");
        }

        return EchoLoad.RunOnStreamsAsync(settings, messageSize, depth, async socket => await tls.AuthenticateAsync(socket));
    }

    /// <summary>
    /// <see cref="LoadSettings.Connections"/> connectors, each repeating: connect, full handshake, one echo of
    /// <paramref name="messageSize"/> bytes, close_notify, wait for the server to close. A session counts once the
    /// server has closed; a wrong echo or a failed handshake is an error.
    /// </summary>
    public static Task<ConnectResult> HandshakesAsync(LoadSettings settings, TlsClient tls, int messageSize)
    {
        if (messageSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(messageSize), "message size must be at least 1");
        }

        var message = new byte[messageSize];
        message.AsSpan().Fill((byte)'h');
        message[^1] = EndOfMessage;
        return SessionLoop.RunAsync(settings, (socket, buffer) => HandshakeSessionAsync(socket, buffer, tls, message));
    }

    private static async Task<bool> HandshakeSessionAsync(Socket socket, byte[] buffer, TlsClient tls, byte[] message)
    {
        await using var ssl = await tls.AuthenticateAsync(socket);
        await ssl.WriteAsync(message);
        var echoed = 0;
        var ok = true;
        while (echoed < message.Length)
        {
            var read = await ssl.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, message.Length - echoed)));
            if (read == 0)
            {
                return false; // closed before the whole echo came back
            }

            echoed += read;
            ok &= echoed < message.Length || buffer[read - 1] == EndOfMessage;
        }

        // close_notify, then wait for the server's close: the server's side closes first, so TIME_WAIT lands there (as
        // in qotd) instead of eating this client's ephemeral ports at thousands of sessions a second.
        await ssl.ShutdownAsync();
        while (await ssl.ReadAsync(buffer.AsMemory()) > 0)
        {
            ok = false; // nothing is owed after the echo
        }

        // A server answering close_notify with its own may not have sent its FIN yet: wait for that on the socket.
        while (await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None) > 0)
        {
            ok = false;
        }

        return ok;
    }
}
