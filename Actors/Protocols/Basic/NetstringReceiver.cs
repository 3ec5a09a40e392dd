using System.Globalization;

namespace ActorEcho.Protocols.Basic;

/// <summary>
/// Netstrings: <c>length ":" payload ","</c> with the length in decimal (Twisted's NetstringReceiver).
/// Parsing is strict: the length is plain digits without sign, spaces or leading zeros, and a length over
/// <see cref="StringReceiver.MaxLength"/> is rejected as soon as its digits show it, before the colon.
/// Any violation closes the connection; strings completed earlier are still delivered.
/// </summary>
public abstract class NetstringReceiver : StringReceiver
{
    public override void SendString(ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[12];
        data.Length.TryFormat(header, out var written, provider: CultureInfo.InvariantCulture);
        header[written++] = (byte)':';
        Transport.Write(header[..written]);
        Transport.Write(data);
        Transport.Write(","u8);
    }

    private protected override bool DeliverNext()
    {
        var data = Buffer.Span;

        // The buffer is re-read from the first digit on each chunk; the length has at most as many
        // digits as MaxLength, so this costs little and keeps no parser state between chunks.
        long length = 0;
        var colon = 0;
        while (colon < data.Length && IsDigit(data[colon]))
        {
            if (colon == 1 && data[0] == (byte)'0')
            {
                RejectMalformed("a netstring length has a leading zero");
                return false;
            }

            length = length * 10 + (data[colon] - '0');
            if (length > MaxLength)
            {
                RejectMalformed($"a netstring length of {length} or more exceeds MaxLength {MaxLength}");
                return false;
            }

            colon++;
        }

        if (colon == data.Length) return false;
        if (colon == 0 || data[colon] != (byte)':')
        {
            RejectMalformed("a netstring must start with decimal digits followed by ':'");
            return false;
        }

        var payloadStart = colon + 1;
        var comma = payloadStart + (int)length;
        if (data.Length <= comma) return false;
        if (data[comma] != (byte)',')
        {
            RejectMalformed("a netstring payload is not followed by ','");
            return false;
        }

        DeliverString(data, payloadStart, (int)length, comma + 1);
        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
