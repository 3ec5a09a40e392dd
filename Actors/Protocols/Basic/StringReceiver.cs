using System.Text;

namespace ActorEcho.Protocols.Basic;

/// <summary>
/// What the length-prefixed framers share (<see cref="NetstringReceiver"/> and the IntN receivers):
/// whole strings in, whole strings out.
/// </summary>
public abstract class StringReceiver : FramedReceiver
{
    private protected StringReceiver()
    {
    }

    /// <summary>The longest string accepted; a longer announced length closes the connection.</summary>
    public int MaxLength { get; set; } = 99999;

    /// <summary>Called with each complete string. The span is valid only during the call.</summary>
    protected abstract void StringReceived(ReadOnlySpan<byte> data);

    /// <summary>Writes <paramref name="data"/> framed so the peer's receiver of the same kind gets it as one string.</summary>
    public abstract void SendString(ReadOnlySpan<byte> data);

    /// <summary>Writes <paramref name="data"/> as UTF-8, framed.</summary>
    public void SendString(string data) => SendString(Encoding.UTF8.GetBytes(data));

    private protected void DeliverString(ReadOnlySpan<byte> frame, int payloadStart, int payloadLength, int consumed)
    {
        Buffer.Consume(consumed);
        StringReceived(frame.Slice(payloadStart, payloadLength));
    }
}
