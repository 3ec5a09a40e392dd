using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace ActorEcho.Bench.Baselines;

/// <summary>
/// ActorEcho's chat protocol on Kestrel: greets "Welcome to the chat, you are client #N", relays every line (up to
/// and including its '\n', so "\r\n" and "\n" go out as they came) to every other member, and closes a member that
/// sends the line "close". Kestrel makes one instance per listener, so the room is the listener's.
/// </summary>
internal sealed class ChatConnectionHandler : ConnectionHandler
{
    /// <summary>The longest line, delimiter excluded, before the member is closed: ActorEcho's LineReceiver limit.</summary>
    public const int MaxLineLength = 16 * 1024;

    // The welcome text, 19 digits of a long and "\r\n" fit.
    private const int MaxGreetingLength = 64;

    private static readonly byte[] Welcome = "Welcome to the chat, you are client #"u8.ToArray();
    private static readonly byte[] CloseCommand = "close"u8.ToArray();
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();

    private readonly ChatRoom _room = new();

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var member = new ChatMember(connection);
        try
        {
            member.Join(_room, Greeting(_room.NextNumber(), stackalloc byte[MaxGreetingLength]));
            await RelayLinesAsync(connection.Transport.Input, member);
        }
        catch (ConnectionResetException)
        {
            // A load generator aborting its sockets at the end of a run is normal, not a server fault.
        }
        catch (ConnectionAbortedException)
        {
            // Kestrel stopping, or the room aborting a member that stopped reading.
        }
        finally
        {
            _room.Remove(member);
            member.Leave();
        }
    }

    private async Task RelayLinesAsync(PipeReader input, ChatMember member)
    {
        while (true)
        {
            var read = await input.ReadAsync();
            var buffer = read.Buffer;
            while (buffer.PositionOf((byte)'\n') is { } newline)
            {
                var line = buffer.Slice(0, buffer.GetPosition(1, newline));
                if (line.Length > MaxLineLength + CrLf.Length || IsClose(line))
                {
                    return; // returning completes the output: Kestrel flushes what is queued, then closes
                }

                _room.Relay(line, member);
                buffer = buffer.Slice(line.End);
            }

            // A member that never ends its line is closed rather than buffered without bound.
            if (buffer.Length >= MaxLineLength + CrLf.Length || read.IsCompleted)
            {
                return;
            }

            // Examined to the end: the next read waits for more bytes rather than return the same partial line.
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    // The line ends in '\n', perhaps after a '\r': "close\r\n" and "close\n" both close.
    private static bool IsClose(in ReadOnlySequence<byte> line)
    {
        if (line.Length > CloseCommand.Length + CrLf.Length)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[(int)line.Length];
        line.CopyTo(bytes);
        var text = bytes[..^1];
        if (text.EndsWith((byte)'\r'))
        {
            text = text[..^1];
        }

        return text.SequenceEqual(CloseCommand);
    }

    private static ReadOnlySpan<byte> Greeting(long number, Span<byte> buffer)
    {
        Welcome.CopyTo(buffer);
        Utf8Formatter.TryFormat(number, buffer[Welcome.Length..], out var digits);
        var length = Welcome.Length + digits;
        CrLf.CopyTo(buffer[length..]);
        return buffer[..(length + CrLf.Length)];
    }
}
