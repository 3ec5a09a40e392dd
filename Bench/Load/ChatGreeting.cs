using System.Net.Sockets;

namespace ActorEcho.Bench.Load;

/// <summary>
/// The greeting line a chat server writes to every new member ("Welcome to the chat, you are client #N").
/// Reading it proves the room has registered the member, so lines written afterwards reach it.
/// </summary>
internal static class ChatGreeting
{
    /// <summary>
    /// Reads until the greeting's '\n', drops the greeting, and leaves whatever followed it at the start of
    /// <paramref name="buffer"/>; returns how many such bytes there are.
    /// </summary>
    public static async Task<int> SkipAsync(Socket socket, byte[] buffer)
    {
        var filled = 0;
        int newline;
        while ((newline = Array.IndexOf(buffer, (byte)'\n', 0, filled)) < 0)
        {
            if (filled == buffer.Length)
            {
                throw new IOException($"the chat greeting is longer than {buffer.Length} bytes");
            }

            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None);
            if (read == 0)
            {
                throw new IOException("the chat server closed before its greeting");
            }

            filled += read;
        }

        var rest = filled - newline - 1;
        buffer.AsSpan(newline + 1, rest).CopyTo(buffer);
        return rest;
    }
}
