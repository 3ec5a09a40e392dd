using System.Text;

namespace ActorEcho.Configuration;

/// <summary>Renders a resolved tree as HOCON that parses back to the same tree: keys in order, strings always quoted.</summary>
internal static class HoconPrinter
{
    private const string Indent = "  ";

    public static string Print(HoconObject root)
    {
        var output = new StringBuilder();
        WriteFields(output, root, 0);
        return output.ToString();
    }

    private static void WriteFields(StringBuilder output, HoconObject obj, int depth)
    {
        foreach (var key in obj.Keys)
        {
            var value = obj[key];
            AppendIndent(output, depth).Append(HoconPath.RenderKey(key)).Append(value is HoconObject ? " " : " = ");
            WriteValue(output, value, depth);
            output.Append('\n');
        }
    }

    private static void WriteValue(StringBuilder output, HoconValue value, int depth)
    {
        switch (value)
        {
            case HoconObject { Count: 0 }:
                output.Append("{}");
                break;
            case HoconObject obj:
                output.Append("{\n");
                WriteFields(output, obj, depth + 1);
                AppendIndent(output, depth).Append('}');
                break;
            case HoconArray array:
                WriteArray(output, array, depth);
                break;
            case HoconScalar { Kind: ScalarKind.String } scalar:
                output.Append(HoconPath.Quote(scalar.Text));
                break;
            case HoconScalar scalar:
                output.Append(scalar.Text);
                break;
            default:
                throw new InvalidOperationException($"cannot print an unresolved {value.GetType().Name}");
        }
    }

    private static void WriteArray(StringBuilder output, HoconArray array, int depth)
    {
        output.Append('[');
        for (var i = 0; i < array.Items.Count; i++)
        {
            if (i > 0)
            {
                output.Append(", ");
            }

            WriteValue(output, array.Items[i], depth);
        }

        output.Append(']');
    }

    private static StringBuilder AppendIndent(StringBuilder output, int depth)
    {
        for (var i = 0; i < depth; i++)
        {
            output.Append(Indent);
        }

        return output;
    }
}
