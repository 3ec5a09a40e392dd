using System.Text;
using Microsoft.AspNetCore.Connections;

namespace ActorEcho.Bench.Baselines;

/// <summary>Quote of the day: writes one line and returns, which makes Kestrel close the connection.</summary>
internal sealed class QotdConnectionHandler : ConnectionHandler
{
    internal static readonly byte[] Quote =
        Encoding.ASCII.GetBytes("A connection is an actor; a byte is a message; a close is the last one.\r\n");

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        try
        {
            await connection.Transport.Output.WriteAsync(Quote);
        }
        catch (ConnectionResetException)
        {
            // The client left before its quote arrived; nothing to clean up.
        }
    }
}
