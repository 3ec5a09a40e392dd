namespace ActorEcho.Protocols.Basic;

internal delegate void StringSink(ReadOnlySpan<byte> data);

/// <summary>Concrete string receivers that hand every string to a sink, for protocols built by composition.</summary>
internal static class StringFramers
{
    public static StringReceiver Create(StringFraming framing, StringSink sink) => framing switch
    {
        StringFraming.Netstring => new Netstring(sink),
        StringFraming.Int8 => new Int8(sink),
        StringFraming.Int16 => new Int16(sink),
        StringFraming.Int32 => new Int32(sink),
        _ => throw new ArgumentOutOfRangeException(nameof(framing), framing, "Unknown string framing."),
    };

    private sealed class Netstring(StringSink sink) : NetstringReceiver
    {
        protected override void StringReceived(ReadOnlySpan<byte> data) => sink(data);
    }

    private sealed class Int8(StringSink sink) : Int8StringReceiver
    {
        protected override void StringReceived(ReadOnlySpan<byte> data) => sink(data);
    }

    private sealed class Int16(StringSink sink) : Int16StringReceiver
    {
        protected override void StringReceived(ReadOnlySpan<byte> data) => sink(data);
    }

    private sealed class Int32(StringSink sink) : Int32StringReceiver
    {
        protected override void StringReceived(ReadOnlySpan<byte> data) => sink(data);
    }
}
