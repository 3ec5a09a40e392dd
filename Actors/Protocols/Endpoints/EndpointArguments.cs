using System.Text;

namespace ActorEcho.Protocols.Endpoints;

/// <summary>
/// An endpoint string split into its colon-separated fields (Twisted's endpoints._parse): fields without
/// '=' are positional, in order, the prefix first; the others are keyword=value. A backslash makes the
/// next character literal, and only the first unescaped '=' of a field separates the keyword, so
/// <c>a:b:c=d=e:f\:g</c> gives positional [a, b, "f:g"] and c = "d=e".
/// </summary>
internal sealed class EndpointArguments
{
    private EndpointArguments(List<string> positional, Dictionary<string, string> keywords)
    {
        Positional = positional;
        Keywords = keywords;
    }

    public IReadOnlyList<string> Positional { get; }

    public IReadOnlyDictionary<string, string> Keywords { get; }

    /// <exception cref="EndpointStringException">A trailing lone backslash, an empty keyword or a keyword given twice.</exception>
    public static EndpointArguments Parse(string description)
    {
        var positional = new List<string>();
        var keywords = new Dictionary<string, string>(StringComparer.Ordinal);
        var field = new StringBuilder();
        string? keyword = null;

        for (var i = 0; i < description.Length; i++)
        {
            var c = description[i];
            if (c == '\\')
            {
                if (++i == description.Length) throw new EndpointStringException(description, "it ends with a lone backslash");
                field.Append(description[i]);
            }
            else if (c == ':')
            {
                EndField();
            }
            else if (c == '=' && keyword is null)
            {
                keyword = field.ToString();
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        EndField();
        return new EndpointArguments(positional, keywords);

        void EndField()
        {
            var value = field.ToString();
            field.Clear();
            if (keyword is null)
            {
                positional.Add(value);
                return;
            }

            if (keyword.Length == 0) throw new EndpointStringException(description, $"the field \"={value}\" has no keyword before '='");
            if (!keywords.TryAdd(keyword, value)) throw new EndpointStringException(description, $"the keyword \"{keyword}\" is given twice");
            keyword = null;
        }
    }
}
