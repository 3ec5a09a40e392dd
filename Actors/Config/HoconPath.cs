using System.Text;

namespace ActorEcho.Configuration;

/// <summary>Parses the dotted paths callers pass to getters, and renders paths and keys back, quoting where needed.</summary>
internal static class HoconPath
{
    public static string[] Parse(string path)
    {
        if (!path.Contains('"'))
        {
            var parts = path.Split('.');
            foreach (var part in parts)
            {
                if (part.Length == 0)
                {
                    throw new ConfigException($"invalid path '{path}': a path element is empty; quote it as \"\" if an empty key is meant");
                }
            }

            return parts;
        }

        return ParseQuoted(path);
    }

    private static string[] ParseQuoted(string path)
    {
        var segments = new List<string>();
        var segment = new StringBuilder();
        var hasContent = false;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '"')
            {
                var close = path.IndexOf('"', i + 1);
                if (close < 0)
                {
                    throw new ConfigException($"invalid path '{path}': unterminated quote");
                }

                segment.Append(path, i + 1, close - i - 1);
                hasContent = true;
                i = close;
            }
            else if (c == '.')
            {
                Close();
            }
            else
            {
                segment.Append(c);
                hasContent = true;
            }
        }

        Close();
        return [.. segments];

        void Close()
        {
            if (!hasContent)
            {
                throw new ConfigException($"invalid path '{path}': a path element is empty");
            }

            segments.Add(segment.ToString());
            segment.Clear();
            hasContent = false;
        }
    }

    public static string Render(IEnumerable<string> path) => string.Join('.', path.Select(RenderKey));

    public static string Join(string prefix, string path) => prefix.Length == 0 ? path : prefix + "." + path;

    /// <summary>A key as it must be written to stay one path element: bare when it is a plain word, else quoted.</summary>
    public static string RenderKey(string key) => IsBareKey(key) ? key : Quote(key);

    private static bool IsBareKey(string key)
    {
        if (key.Length == 0 || key == "include" || !(char.IsAsciiLetter(key[0]) || key[0] == '_'))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A JSON string literal; control characters are escaped so the result is always one line.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
