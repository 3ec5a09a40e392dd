using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorEcho.Configuration;

namespace ActorEcho.Tests.Config;

/// <summary>
/// Renders a tree as canonical text so two trees can be compared with one Assert.Equal that shows the difference.
/// Numbers compare by value (42.0 equals 42); keys are sorted unless document order is the thing under test.
/// </summary>
internal static class TreeText
{
    public static string Of(ActorEcho.Configuration.Config config, bool sortKeys = true) => Of(config.Root, sortKeys);

    public static string Of(HoconValue value, bool sortKeys = true)
    {
        var output = new StringBuilder();
        Write(output, value, sortKeys);
        return output.ToString();
    }

    public static string Of(JsonElement element)
    {
        var output = new StringBuilder();
        Write(output, element);
        return output.ToString();
    }

    private static void Write(StringBuilder output, HoconValue value, bool sortKeys)
    {
        switch (value)
        {
            case HoconObject obj:
                output.Append('{');
                var keys = sortKeys ? obj.Keys.Order(StringComparer.Ordinal) : obj.Keys.AsEnumerable();
                foreach (var key in keys)
                {
                    output.Append(HoconPath.Quote(key)).Append(':');
                    Write(output, obj[key], sortKeys);
                    output.Append(',');
                }

                output.Append('}');
                break;
            case HoconArray array:
                output.Append('[');
                foreach (var item in array.Items)
                {
                    Write(output, item, sortKeys);
                    output.Append(',');
                }

                output.Append(']');
                break;
            case HoconScalar { Kind: ScalarKind.String } scalar:
                output.Append(HoconPath.Quote(scalar.Text));
                break;
            case HoconScalar { Kind: ScalarKind.Number } scalar:
                output.Append(Number(scalar.Text));
                break;
            case HoconScalar scalar:
                output.Append(scalar.Text);
                break;
            default:
                throw new InvalidOperationException($"unresolved {value.GetType().Name} in a resolved tree");
        }
    }

    private static void Write(StringBuilder output, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                output.Append('{');
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    output.Append(HoconPath.Quote(property.Name)).Append(':');
                    Write(output, property.Value);
                    output.Append(',');
                }

                output.Append('}');
                break;
            case JsonValueKind.Array:
                output.Append('[');
                foreach (var item in element.EnumerateArray())
                {
                    Write(output, item);
                    output.Append(',');
                }

                output.Append(']');
                break;
            case JsonValueKind.String:
                output.Append(HoconPath.Quote(element.GetString()!));
                break;
            case JsonValueKind.Number:
                output.Append(Number(element.GetRawText()));
                break;
            default:
                output.Append(element.GetRawText());
                break;
        }
    }

    private static string Number(string text) =>
        double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
}
