using System.Buffers.Binary;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using static ActorEcho.Tests.Protocols.Basic.FramerProperties;

namespace ActorEcho.Tests.Protocols.Basic;

public class FramerPropertyTests
{
    private const int SmallMax = 24;

    // Line payloads never contain '\n', so "\r\n" cannot occur inside one; a trailing '\r' is still allowed.
    private static readonly Gen<byte[]> Line = Gen.ArrayOf(AnyByte.Select(b => b == (byte)'\n' ? (byte)'n' : b))
        .Where(line => line.Length <= SmallMax);

    private static readonly Gen<byte[]> Payload = Gen.ArrayOf(AnyByte).Where(payload => payload.Length <= SmallMax);

    // Garbage rich in the bytes the framers care about, so it reaches the interesting states often.
    private static readonly Gen<byte> LineGarbage = Gen.Frequency((3, AnyByte), (1, Gen.Elements((byte)'\r', (byte)'\n')));

    private static readonly Gen<byte> NetstringGarbage = Gen.Frequency((1, AnyByte), (3, Gen.Elements("0123456789:,"u8.ToArray())));

    private static readonly Gen<byte> PrefixGarbage = Gen.Frequency((1, AnyByte), (3, Gen.Elements<byte>(0, 1, 2, 5, SmallMax)));

    private static byte[] WithCrLf(byte[] line) => [.. line, (byte)'\r', (byte)'\n'];

    private static byte[] Netstring(byte[] payload) => [.. Encoding.ASCII.GetBytes($"{payload.Length}:"), .. payload, (byte)','];

    private static byte[] Prefixed(byte[] payload, int prefixLength)
    {
        var prefix = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)payload.Length);
        return [.. prefix[(4 - prefixLength)..], .. payload];
    }

    [Fact]
    public void Line_receiver_decodes_any_split_of_encoded_lines() =>
        DecodesWhatWasEncoded(Line, WithCrLf, () => new RecordingLineReceiver { MaxLength = SmallMax }, r => r.Lines.ToList());

    [Fact]
    public void Line_receiver_survives_garbage_within_its_bound() =>
        SurvivesGarbage(LineGarbage, () => new RecordingLineReceiver { MaxLength = SmallMax }, SmallMax + 1);

    [Fact]
    public void Line_only_receiver_decodes_any_split_of_encoded_lines() =>
        DecodesWhatWasEncoded(Line, WithCrLf, () => new RecordingLineOnlyReceiver { MaxLength = SmallMax }, r => r.Lines.ToList());

    [Fact]
    public void Line_only_receiver_survives_garbage_within_its_bound() =>
        SurvivesGarbage(LineGarbage, () => new RecordingLineOnlyReceiver { MaxLength = SmallMax }, SmallMax + 1);

    [Fact]
    public void Netstring_receiver_decodes_any_split_of_encoded_strings() =>
        DecodesWhatWasEncoded(Payload, Netstring, () => new RecordingNetstringReceiver { MaxLength = SmallMax }, r => r.Strings);

    [Fact]
    public void Netstring_receiver_survives_garbage_within_its_bound() =>
        SurvivesGarbage(NetstringGarbage, () => new RecordingNetstringReceiver { MaxLength = SmallMax }, SmallMax + 3);

    [Fact]
    public void Int8_receiver_decodes_any_split_of_encoded_strings() =>
        DecodesWhatWasEncoded(Payload, p => Prefixed(p, 1), () => new RecordingInt8Receiver { MaxLength = SmallMax }, r => r.Strings);

    [Fact]
    public void Int8_receiver_survives_garbage_within_its_bound() =>
        SurvivesGarbage(PrefixGarbage, () => new RecordingInt8Receiver { MaxLength = SmallMax }, SmallMax);

    [Fact]
    public void Int16_receiver_decodes_any_split_of_encoded_strings() =>
        DecodesWhatWasEncoded(Payload, p => Prefixed(p, 2), () => new RecordingInt16Receiver { MaxLength = SmallMax }, r => r.Strings);

    [Fact]
    public void Int16_receiver_survives_garbage_within_its_bound() =>
        SurvivesGarbage(PrefixGarbage, () => new RecordingInt16Receiver { MaxLength = SmallMax }, SmallMax + 1);

    [Fact]
    public void Int32_receiver_decodes_any_split_of_encoded_strings() =>
        DecodesWhatWasEncoded(Payload, p => Prefixed(p, 4), () => new RecordingInt32Receiver { MaxLength = SmallMax }, r => r.Strings);

    [Fact]
    public void Int32_receiver_survives_garbage_within_its_bound() =>
        SurvivesGarbage(PrefixGarbage, () => new RecordingInt32Receiver { MaxLength = SmallMax }, SmallMax + 3);
}
