using System.Text;

namespace ActorEcho.Configuration;

/// <summary>
/// Reads a Java properties file for <c>include</c>: every value is a string and dotted keys become
/// nested objects, which is how the HOCON spec maps properties onto a tree.
/// </summary>
internal static class PropertiesReader
{
    public static HoconObject Read(string text, string origin)
    {
        var root = new HoconObject(new ConfigOrigin(origin, 1, 1));
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var logical = new StringBuilder(lines[i].TrimStart());
            if (logical.Length == 0 || logical[0] is '#' or '!')
            {
                continue;
            }

            // A line ending in an odd number of backslashes continues on the next one.
            while (EndsWithContinuation(logical) && i + 1 < lines.Length)
            {
                logical.Length--;
                logical.Append(lines[++i].TrimStart());
            }

            var (key, value) = Split(logical.ToString());
            var at = new ConfigOrigin(origin, number, 1);
            HoconValue node = new HoconScalar(ScalarKind.String, value, at);
            var path = key.Split('.');
            for (var p = path.Length - 1; p > 0; p--)
            {
                var wrapper = new HoconObject(at);
                wrapper.Set(path[p], node);
                node = wrapper;
            }

            HoconMerge.Into(root, path[0], node);
        }

        return root;
    }

    private static bool EndsWithContinuation(StringBuilder line)
    {
        var count = 0;
        for (var i = line.Length - 1; i >= 0 && line[i] == '\\'; i--)
        {
            count++;
        }

        return count % 2 == 1;
    }

    private static (string Key, string Value) Split(string line)
    {
        var key = new StringBuilder();
        var i = 0;
        for (; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length)
            {
                key.Append(Unescape(line[++i]));
            }
            else if (c is '=' or ':' || char.IsWhiteSpace(c))
            {
                break;
            }
            else
            {
                key.Append(c);
            }
        }

        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        if (i < line.Length && line[i] is '=' or ':')
        {
            i++;
        }

        var value = new StringBuilder();
        for (i = SkipSpaces(line, i); i < line.Length; i++)
        {
            value.Append(line[i] == '\\' && i + 1 < line.Length ? Unescape(line[++i]) : line[i]);
        }

        return (key.ToString(), value.ToString());
    }

    private static int SkipSpaces(string line, int i)
    {
        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        return i;
    }

    private static char Unescape(char c) => c switch
    {
        't' => '\t',
        'n' => '\n',
        'r' => '\r',
        'f' => '\f',
        _ => c,
    };
}
