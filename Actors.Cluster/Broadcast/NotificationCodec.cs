using System.Globalization;

namespace ActorEcho.Cluster.Broadcast;

/// <summary>A decoded notification: the payload inline, or the id of the row that holds it.</summary>
internal sealed record Notification(Guid Sender, long Sequence, byte[]? Inline, long? RowId);

/// <summary>
/// The text of a notification: <c>sender:sequence:i:base64</c> with the payload inline, or <c>sender:sequence:r:id</c>
/// naming a row of the payload table. Text because NOTIFY payloads must be valid in the server encoding; the
/// sequence makes every payload unique (the server folds identical notifications of one transaction into one) and
/// lets receivers count gaps.
/// </summary>
internal static class NotificationCodec
{
    public static string Inline(Guid sender, long sequence, byte[] payload) => Header(sender, sequence) + "i:" + Convert.ToBase64String(payload);

    /// <summary>The prefix the database completes with the row id.</summary>
    public static string ReferencePrefix(Guid sender, long sequence) => Header(sender, sequence) + "r:";

    /// <summary>Length of the inline text for a payload of that size, without building it.</summary>
    public static int InlineLength(int payloadBytes) => 32 + 1 + 20 + 1 + 2 + (payloadBytes + 2) / 3 * 4;

    public static bool TryDecode(string text, out Notification notification)
    {
        notification = null!;
        var parts = text.Split(':', 4);
        if (parts.Length != 4
            || !Guid.TryParseExact(parts[0], "N", out var sender)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            return false;
        switch (parts[2])
        {
            case "i":
                var bytes = new byte[parts[3].Length / 4 * 3];
                if (!Convert.TryFromBase64String(parts[3], bytes, out var written)) return false;
                notification = new Notification(sender, sequence, bytes[..written], null);
                return true;
            case "r" when long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var id):
                notification = new Notification(sender, sequence, null, id);
                return true;
            default:
                return false;
        }
    }

    private static string Header(Guid sender, long sequence) =>
        sender.ToString("N") + ":" + sequence.ToString(CultureInfo.InvariantCulture) + ":";
}
