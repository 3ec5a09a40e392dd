using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace ActorEcho.Bench.Baselines;

/// <summary>Echoes every byte straight from the transport's input pipe to its output pipe.</summary>
internal sealed class EchoConnectionHandler : ConnectionHandler
{
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        var output = connection.Transport.Output;
        try
        {
            while (true)
            {
                var read = await input.ReadAsync();
                var buffer = read.Buffer;
                foreach (var segment in buffer)
                {
                    output.Write(segment.Span);
                }

                input.AdvanceTo(buffer.End);
                // FlushAsync waits while the output pipe is over its pause threshold, so a peer that
                // never reads stops this loop reading too: server memory stays bounded, like ActorEcho's
                // high-water mark.
                var flush = await output.FlushAsync();
                if (read.IsCompleted || flush.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (ConnectionResetException)
        {
            // A load generator aborting its sockets at the end of a run is normal, not a server fault.
        }
        catch (ConnectionAbortedException)
        {
            // Kestrel aborts open connections when it stops.
        }
    }
}
