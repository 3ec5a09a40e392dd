using ActorEcho.Protocols;

namespace ActorEcho.Host.Client;

/// <summary>The line client's connection: every byte from the server goes to <paramref name="output"/> as it arrives.</summary>
internal sealed class PrintingProtocol(Stream output) : Protocol
{
    private readonly TaskCompletionSource<Exception> _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the reason when the connection has ended, however it ended.</summary>
    public Task<Exception> Lost => _lost.Task;

    protected internal override void DataReceived(ReadOnlySpan<byte> data)
    {
        output.Write(data);
        output.Flush(); // an interactive user (or a test reading line by line) must see it now
    }

    protected internal override void ConnectionLost(Exception reason) => _lost.TrySetResult(reason);
}
