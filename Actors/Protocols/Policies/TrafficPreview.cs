using System.Text;

namespace ActorEcho.Protocols.Policies;

/// <summary>
/// Renders the start of a chunk for a log line: printable ASCII as is, the usual control characters as
/// <c>\r \n \t</c>, a backslash doubled, every other byte as <c>\xNN</c>; "..." marks a cut.
/// </summary>
internal static class TrafficPreview
{
    private const string Cut = "...";

    public static string Format(ReadOnlySpan<byte> data, int maxBytes)
    {
        var shown = data[..Math.Min(data.Length, maxBytes)];
        var text = new StringBuilder(shown.Length + Cut.Length);
        foreach (var b in shown)
        {
            switch (b)
            {
                case (byte)'\\': text.Append(@"\\"); break;
                case (byte)'\r': text.Append(@"\r"); break;
                case (byte)'\n': text.Append(@"\n"); break;
                case (byte)'\t': text.Append(@"\t"); break;
                case >= 0x20 and < 0x7f: text.Append((char)b); break;
                default: text.Append(@"\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }

        if (shown.Length < data.Length) text.Append(Cut);
        return text.ToString();
    }
}
