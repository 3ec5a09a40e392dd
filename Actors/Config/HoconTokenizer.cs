using System.Text;

namespace ActorEcho.Configuration;

/// <summary>Splits HOCON text into tokens. Comments are dropped; whitespace and newlines are kept because both mean something.</summary>
internal sealed class HoconTokenizer
{
    // Indentation is most of the whitespace in a file; sharing these strings saves an allocation per line.
    private static readonly string[] Spaces = Enumerable.Range(0, 65).Select(n => new string(' ', n)).ToArray();

    private readonly string text;
    private readonly string origin;
    private readonly List<Token> tokens;
    private int index;
    private int line = 1;
    private int lineStart;

    private HoconTokenizer(string text, string origin)
    {
        this.text = text;
        this.origin = origin;
        tokens = new List<Token>(text.Length / 4);
    }

    public static List<Token> Tokenize(string text, string origin)
    {
        var tokenizer = new HoconTokenizer(text, origin);
        tokenizer.Run();
        return tokenizer.tokens;
    }

    /// <summary>The spec reserves these outside quotes so that later versions can give them meaning.</summary>
    internal static bool IsForbiddenUnquoted(char c) => c switch
    {
        '$' or '"' or '{' or '}' or '[' or ']' or ':' or '=' or ',' or '+' or '#' or '`' or '^' or '?' or '!' or '@' or '*' or '&' or '\\' => true,
        _ => false,
    };

    internal static bool IsWhitespace(char c) => c != '\n' && (c == ' ' || c == '\t' || c == '\uFEFF' || char.IsWhiteSpace(c));

    private int Column => index - lineStart + 1;

    private void Run()
    {
        while (index < text.Length)
        {
            var c = text[index];
            var column = Column;
            switch (c)
            {
                case '\n':
                    Add(TokenKind.Newline, "\n", column);
                    index++;
                    line++;
                    lineStart = index;
                    break;
                case '{': Single(TokenKind.OpenBrace, "{"); break;
                case '}': Single(TokenKind.CloseBrace, "}"); break;
                case '[': Single(TokenKind.OpenBracket, "["); break;
                case ']': Single(TokenKind.CloseBracket, "]"); break;
                case ',': Single(TokenKind.Comma, ","); break;
                case '=': Single(TokenKind.Equals, "="); break;
                case ':': Single(TokenKind.Colon, ":"); break;
                case '#': SkipComment(); break;
                case '"': ReadQuoted(); break;
                case '$': ReadSubstitutionStart(); break;
                case '+':
                    if (Peek(1) != '=')
                    {
                        throw Error(column, "'+' is only allowed as '+=' outside quotes");
                    }

                    Add(TokenKind.PlusEquals, "+=", column);
                    index += 2;
                    break;
                default:
                    if (c == '/' && Peek(1) == '/')
                    {
                        SkipComment();
                    }
                    else if (IsWhitespace(c))
                    {
                        ReadWhitespace();
                    }
                    else if (IsForbiddenUnquoted(c))
                    {
                        throw Error(column, $"'{c}' is reserved and not allowed outside quotes");
                    }
                    else
                    {
                        ReadUnquoted();
                    }

                    break;
            }
        }

        Add(TokenKind.End, "", Column);
    }

    private char Peek(int ahead) => index + ahead < text.Length ? text[index + ahead] : '\0';

    private void Add(TokenKind kind, string value, int column, bool isNumber = false) =>
        tokens.Add(new Token(kind, value, line, column, isNumber));

    private void Single(TokenKind kind, string value)
    {
        Add(kind, value, Column);
        index++;
    }

    private ConfigException Error(int column, string message) =>
        ConfigException.Syntax(new ConfigOrigin(origin, line, column), message);

    private void SkipComment()
    {
        var end = text.IndexOf('\n', index);
        index = end < 0 ? text.Length : end;
    }

    private void ReadWhitespace()
    {
        var start = index;
        while (index < text.Length && IsWhitespace(text[index]))
        {
            index++;
        }

        var length = index - start;
        var spaces = length < Spaces.Length && text.AsSpan(start, length).IndexOfAnyExcept(' ') < 0;
        Add(TokenKind.Whitespace, spaces ? Spaces[length] : text[start..index], start - lineStart + 1);
    }

    private bool EndsUnquoted(int at) =>
        at >= text.Length || IsWhitespace(text[at]) || text[at] == '\n' || IsForbiddenUnquoted(text[at])
        || (text[at] == '/' && at + 1 < text.Length && text[at + 1] == '/');

    private void ReadUnquoted()
    {
        var start = index;
        var column = Column;
        var numberEnd = ScanNumber(index);
        if (numberEnd > index && EndsUnquoted(numberEnd))
        {
            // Scanned on its own because an exponent may hold '+', which unquoted text may not.
            index = numberEnd;
            Add(TokenKind.Unquoted, text[start..index], column, isNumber: true);
            return;
        }

        while (!EndsUnquoted(index))
        {
            index++;
        }

        Add(TokenKind.Unquoted, text[start..index], column);
    }

    /// <summary>Returns the end of a JSON number starting at <paramref name="at"/>, or <paramref name="at"/> when there is none.</summary>
    private int ScanNumber(int at)
    {
        var i = at;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        var digits = SkipDigits(i);
        if (digits == i)
        {
            return at;
        }

        i = digits;
        if (i < text.Length && text[i] == '.')
        {
            var fraction = SkipDigits(i + 1);
            if (fraction == i + 1)
            {
                return at;
            }

            i = fraction;
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            var j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-'))
            {
                j++;
            }

            var exponent = SkipDigits(j);
            if (exponent == j)
            {
                return at;
            }

            i = exponent;
        }

        return i;
    }

    private int SkipDigits(int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
    }

    private void ReadSubstitutionStart()
    {
        var column = Column;
        if (Peek(1) != '{')
        {
            throw Error(column, "'$' is only allowed as the start of a substitution '${' outside quotes");
        }

        if (Peek(2) == '?')
        {
            Add(TokenKind.OptionalSubstitution, "${?", column);
            index += 3;
        }
        else
        {
            Add(TokenKind.Substitution, "${", column);
            index += 2;
        }
    }

    private void ReadQuoted()
    {
        var column = Column;
        if (Peek(1) == '"' && Peek(2) == '"')
        {
            ReadTripleQuoted(column);
            return;
        }

        index++;
        var start = index;
        StringBuilder? builder = null;
        while (true)
        {
            if (index >= text.Length || text[index] == '\n')
            {
                throw Error(column, "unterminated quoted string: expected a closing '\"' before the end of the line");
            }

            var c = text[index];
            if (c == '"')
            {
                break;
            }

            if (c == '\\')
            {
                builder ??= new StringBuilder().Append(text, start, index - start);
                ReadEscape(builder);
                continue;
            }

            builder?.Append(c);
            index++;
        }

        var value = builder?.ToString() ?? text[start..index];
        index++;
        Add(TokenKind.Quoted, value, column);
    }

    private void ReadEscape(StringBuilder builder)
    {
        var column = Column;
        var escaped = Peek(1);
        index += 2;
        switch (escaped)
        {
            case '"': builder.Append('"'); break;
            case '\\': builder.Append('\\'); break;
            case '/': builder.Append('/'); break;
            case 'b': builder.Append('\b'); break;
            case 'f': builder.Append('\f'); break;
            case 'n': builder.Append('\n'); break;
            case 'r': builder.Append('\r'); break;
            case 't': builder.Append('\t'); break;
            case 'u':
                if (index + 4 > text.Length || !ushort.TryParse(text.AsSpan(index, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code))
                {
                    throw Error(column, "expected four hex digits after '\\u'");
                }

                builder.Append((char)code);
                index += 4;
                break;
            default:
                throw Error(column, $"expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, found '\\{escaped}'");
        }
    }

    private void ReadTripleQuoted(int column)
    {
        var startLine = line;
        var start = index + 3;
        var close = text.IndexOf("\"\"\"", start, StringComparison.Ordinal);
        if (close < 0)
        {
            throw Error(column, "unterminated triple-quoted string: expected a closing '\"\"\"'");
        }

        // Quotes just before the closing three belong to the string: """a"""" is a".
        var end = close + 3;
        while (end < text.Length && text[end] == '"')
        {
            end++;
        }

        CountLines(start, end);
        index = end;
        tokens.Add(new Token(TokenKind.Quoted, text[start..(end - 3)], startLine, column));
    }

    private void CountLines(int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
    }
}
