namespace ActorEcho.Configuration;

/// <summary>
/// Builds the unresolved tree of one document from its tokens: fields, path keys, value concatenations,
/// arrays, substitutions and includes. Duplicate keys are merged as they are read.
/// </summary>
internal sealed partial class HoconParser
{
    private readonly List<Token> tokens;
    private readonly string origin;
    private readonly HoconIncluder includer;
    private readonly string[] includePrefix;
    private int pos;

    private HoconParser(string text, string origin, HoconIncluder includer, string[] includePrefix)
    {
        tokens = HoconTokenizer.Tokenize(text, origin);
        this.origin = origin;
        this.includer = includer;
        this.includePrefix = includePrefix;
    }

    /// <summary>True once a substitution (or '+=') has been read here or in an included file.</summary>
    public bool HasSubstitutions { get; private set; }

    /// <summary>Parses a document that is included at <paramref name="includePrefix"/> (empty for a top-level document).</summary>
    public static HoconObject Parse(string text, string origin, HoconIncluder includer, string[] includePrefix, out bool hasSubstitutions)
    {
        var parser = new HoconParser(text, origin, includer, includePrefix);
        var root = parser.ParseDocument();
        hasSubstitutions = parser.HasSubstitutions;
        return root;
    }

    private Token Peek => tokens[pos];

    private ConfigOrigin OriginOf(Token token) => new(origin, token.Line, token.Column);

    private ConfigException Expected(string what, Token found) =>
        ConfigException.Syntax(OriginOf(found), $"expected {what}, found {found.Describe()}");

    private static string At(Token token) => $"{token.Line}:{token.Column}";

    private HoconObject ParseDocument()
    {
        SkipBlank();
        HoconObject root;
        if (Peek.Kind == TokenKind.OpenBrace)
        {
            var open = tokens[pos++];
            root = ParseObjectBody(includePrefix, open);
            SkipBlank();
            if (Peek.Kind != TokenKind.End)
            {
                throw Expected("end of file after the root object", Peek);
            }
        }
        else if (Peek.Kind == TokenKind.OpenBracket)
        {
            throw Expected("an object at the root of the document", Peek);
        }
        else
        {
            root = ParseObjectBody(includePrefix, null);
        }

        return root;
    }

    /// <summary>Reads fields up to the closing brace of <paramref name="open"/>, or to the end of the file when there is no brace (the root).</summary>
    private HoconObject ParseObjectBody(string[] path, Token? open)
    {
        var obj = new HoconObject(OriginOf(open ?? Peek));
        while (true)
        {
            SkipBlank();
            var token = Peek;
            if (token.Kind == TokenKind.CloseBrace && open is not null)
            {
                pos++;
                return obj;
            }

            if (token.Kind == TokenKind.End)
            {
                return open is null ? obj : throw Expected($"'}}' to close the object opened at {At(open.Value)}", token);
            }

            if (IsInclude())
            {
                ParseInclude(obj, path);
            }
            else
            {
                ParseField(obj, path);
            }

            SkipWhitespace();
            token = Peek;
            if (token.Kind == TokenKind.Comma)
            {
                pos++;
            }
            else if (token.Kind is not (TokenKind.Newline or TokenKind.End) && !(token.Kind == TokenKind.CloseBrace && open is not null))
            {
                throw open is null
                    ? Expected("',' or a new line after the field", token)
                    : Expected($"',' or a new line after the field, or '}}' to close the object opened at {At(open.Value)}", token);
            }
        }
    }

    private void ParseField(HoconObject obj, string[] path)
    {
        var keyToken = Peek;
        var key = ParseKey("a key");
        SkipBlank();
        var separator = Peek;
        var full = Concat(path, key);
        HoconValue value;
        switch (separator.Kind)
        {
            case TokenKind.Equals or TokenKind.Colon:
                pos++;
                SkipBlank();
                value = ParseValue(full, separator);
                break;
            case TokenKind.PlusEquals:
                pos++;
                SkipBlank();
                value = Append(full, ParseValue(full, separator), OriginOf(separator));
                break;
            case TokenKind.OpenBrace:
                value = ParseObject(full);
                break;
            default:
                throw Expected($"':', '=', '+=' or '{{' after the key '{HoconPath.Render(key)}'", separator);
        }

        // a.b.c = v is the object { a { b { c = v } } }, merged like any other definition of a.
        for (var i = key.Length - 1; i > 0; i--)
        {
            var wrapper = new HoconObject(OriginOf(keyToken));
            wrapper.Set(key[i], value);
            value = wrapper;
        }

        HoconMerge.Into(obj, key[0], value);
    }

    /// <summary><c>a += v</c> is sugar for <c>a = ${?a} [v]</c>, with the substitution naming the field's full path.</summary>
    private HoconConcatenation Append(string[] fullPath, HoconValue item, ConfigOrigin at)
    {
        HasSubstitutions = true;
        var self = new HoconSubstitution(fullPath, optional: true, [], at);
        return new HoconConcatenation([self, new HoconArray([item], item.Origin)], at);
    }

    private HoconObject ParseObject(string[] path)
    {
        var open = tokens[pos++];
        return ParseObjectBody(path, open);
    }

    private HoconArray ParseArray(string[] path)
    {
        var open = tokens[pos++];
        var items = new List<HoconValue>();
        while (true)
        {
            SkipBlank();
            var token = Peek;
            if (token.Kind == TokenKind.CloseBracket)
            {
                pos++;
                return new HoconArray(items, OriginOf(open));
            }

            if (token.Kind == TokenKind.End)
            {
                throw Expected($"']' to close the array opened at {At(open)}", token);
            }

            items.Add(ParseValue(path, open));
            SkipWhitespace();
            token = Peek;
            if (token.Kind == TokenKind.Comma)
            {
                pos++;
            }
            else if (token.Kind is not (TokenKind.Newline or TokenKind.CloseBracket))
            {
                throw Expected($"',' or ']' to close the array opened at {At(open)}", token);
            }
        }
    }

    /// <summary>Reads one value: a single part, or a concatenation of parts on the same line.</summary>
    private HoconValue ParseValue(string[] path, Token after)
    {
        HoconValue? first = null;
        List<HoconValue>? parts = null;
        Token? space = null;
        var pending = false;
        while (true)
        {
            var token = Peek;
            HoconValue part;
            switch (token.Kind)
            {
                case TokenKind.Quoted:
                    pos++;
                    part = new HoconScalar(ScalarKind.String, token.Text, OriginOf(token));
                    break;
                case TokenKind.Unquoted:
                    pos++;
                    part = Unquoted(token);
                    break;
                case TokenKind.OpenBrace:
                    part = ParseObject(path);
                    break;
                case TokenKind.OpenBracket:
                    part = ParseArray(path);
                    break;
                case TokenKind.Substitution or TokenKind.OptionalSubstitution:
                    part = ParseSubstitution();
                    pending = true;
                    break;
                case TokenKind.Whitespace:
                    pos++;
                    space = first is null ? null : token;
                    continue;
                default:
                    if (first is null)
                    {
                        throw Expected(after.Kind == TokenKind.OpenBracket ? "a value or ']'" : $"a value after {after.Describe()}", token);
                    }

                    return parts is null ? first : Join(parts, pending, path);
            }

            if (first is null)
            {
                first = part;
                continue;
            }

            parts ??= [first];
            if (space is not null)
            {
                parts.Add(new HoconSpace(space.Value.Text, OriginOf(space.Value)));
                space = null;
            }

            parts.Add(part);
        }
    }

    private HoconValue Join(List<HoconValue> parts, bool hasSubstitution, string[] path)
    {
        // Only a concatenation holding a substitution has to wait for the resolver.
        return hasSubstitution
            ? new HoconConcatenation(parts, parts[0].Origin)
            : HoconConcat.Join(parts, parts[0].Origin, HoconPath.Render(path))!;
    }

    private HoconScalar Unquoted(Token token)
    {
        var at = OriginOf(token);
        if (token.IsNumber)
        {
            return new HoconScalar(ScalarKind.Number, token.Text, at);
        }

        return token.Text switch
        {
            "true" or "false" => new HoconScalar(ScalarKind.Boolean, token.Text, at),
            "null" => new HoconScalar(ScalarKind.Null, "null", at),
            _ => new HoconScalar(ScalarKind.String, token.Text, at),
        };
    }

    private HoconSubstitution ParseSubstitution()
    {
        var open = tokens[pos++];
        HasSubstitutions = true;
        var path = ParseKey("a path after " + open.Describe());
        if (Peek.Kind != TokenKind.CloseBrace)
        {
            throw Expected($"'}}' to close the substitution opened at {At(open)}", Peek);
        }

        pos++;
        return new HoconSubstitution(path, open.Kind == TokenKind.OptionalSubstitution, includePrefix, OriginOf(open));
    }

    private void SkipBlank()
    {
        while (Peek.Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            pos++;
        }
    }

    private void SkipWhitespace()
    {
        while (Peek.Kind == TokenKind.Whitespace)
        {
            pos++;
        }
    }

    private static string[] Concat(string[] prefix, string[] key)
    {
        if (prefix.Length == 0)
        {
            return key;
        }

        var full = new string[prefix.Length + key.Length];
        prefix.CopyTo(full, 0);
        key.CopyTo(full, prefix.Length);
        return full;
    }
}
