using System.Text;

namespace ActorEcho.Configuration;

/// <summary>Path keys (also used inside <c>${...}</c>) and include statements.</summary>
internal sealed partial class HoconParser
{
    private readonly StringBuilder segment = new();

    /// <summary>
    /// Reads a path expression: unquoted text splits at dots, quoted text never does, and whitespace
    /// between parts is kept (<c>a b.c</c> is the path "a b", "c"). Leading and trailing whitespace is dropped.
    /// </summary>
    private string[] ParseKey(string what)
    {
        var start = Peek;
        if (start.Kind == TokenKind.Whitespace)
        {
            pos++;
            start = Peek;
        }

        // Most keys are one unquoted word; skip the general machinery for them.
        if (start.Kind == TokenKind.Unquoted && !start.Text.Contains('.') && !IsKeyPart(tokens[pos + 1].Kind)
            && !(tokens[pos + 1].Kind == TokenKind.Whitespace && IsKeyPart(tokens[pos + 2].Kind)))
        {
            pos++;
            return [start.Text];
        }

        var segments = new List<string>();
        segment.Clear();
        var hasContent = false;
        string? space = null;
        while (true)
        {
            var token = Peek;
            if (token.Kind == TokenKind.Whitespace)
            {
                space = token.Text;
                pos++;
                continue;
            }

            if (!IsKeyPart(token.Kind))
            {
                break;
            }

            if (space is not null)
            {
                segment.Append(space);
                space = null;
            }

            if (token.Kind == TokenKind.Quoted)
            {
                segment.Append(token.Text);
                hasContent = true;
            }
            else
            {
                var text = token.Text;
                var from = 0;
                for (var dot = text.IndexOf('.'); dot >= 0; dot = text.IndexOf('.', from))
                {
                    segment.Append(text, from, dot - from);
                    CloseSegment(segments, hasContent || dot > from, start);
                    hasContent = false;
                    from = dot + 1;
                }

                segment.Append(text, from, text.Length - from);
                hasContent |= from < text.Length;
            }

            pos++;
        }

        if (segments.Count == 0 && !hasContent)
        {
            throw Expected(what, start);
        }

        CloseSegment(segments, hasContent, start);
        return [.. segments];
    }

    private static bool IsKeyPart(TokenKind kind) => kind is TokenKind.Unquoted or TokenKind.Quoted;

    private void CloseSegment(List<string> segments, bool hasContent, Token start)
    {
        if (!hasContent)
        {
            throw ConfigException.Syntax(OriginOf(start), "a path element is empty (two dots in a row, or a dot at an end); quote it as \"\" if an empty key is meant");
        }

        segments.Add(segment.ToString());
        segment.Clear();
    }

    private bool IsInclude()
    {
        if (Peek.Kind != TokenKind.Unquoted || Peek.Text != "include" || tokens[pos + 1].Kind != TokenKind.Whitespace)
        {
            return false;
        }

        var next = tokens[pos + 2];
        return next.Kind == TokenKind.Quoted
            || (next.Kind == TokenKind.Unquoted && next.Text.Contains('('));
    }

    /// <summary>Reads <c>include "f"</c>, <c>include file("f")</c> or <c>include required(file("f"))</c> and merges the file in here.</summary>
    private void ParseInclude(HoconObject obj, string[] path)
    {
        var keyword = tokens[pos];
        pos += 2;
        var form = new StringBuilder();
        while (Peek.Kind is TokenKind.Unquoted or TokenKind.Whitespace)
        {
            if (Peek.Kind == TokenKind.Unquoted)
            {
                form.Append(Peek.Text);
            }

            pos++;
        }

        if (Peek.Kind != TokenKind.Quoted)
        {
            throw Expected("a quoted file name after include", Peek);
        }

        var name = tokens[pos++].Text;
        var opened = form.ToString();
        var closing = new string(')', opened.Count(c => c == '('));
        var closed = new StringBuilder();
        while (closed.Length < closing.Length && Peek.Kind is TokenKind.Unquoted or TokenKind.Whitespace)
        {
            if (Peek.Kind == TokenKind.Unquoted)
            {
                closed.Append(Peek.Text);
            }

            pos++;
        }

        var at = OriginOf(keyword);
        if (closed.ToString() != closing)
        {
            throw Expected($"'{closing}' to close {opened}", Peek);
        }

        var required = opened.StartsWith("required(", StringComparison.Ordinal);
        var source = required ? opened["required(".Length..] : opened;
        switch (source)
        {
            case "" or "file(":
                break;
            case "url(" or "classpath(":
                throw ConfigException.Syntax(at, $"include {source}...) is not supported: only files can be included, use include file(\"...\")");
            default:
                throw ConfigException.Syntax(at, $"expected include \"name\", file(\"name\") or required(file(\"name\")), found '{opened}'");
        }

        var included = includer.Include(name, required, path, at, out var hasSubstitutions);
        HasSubstitutions |= hasSubstitutions;
        if (included is null)
        {
            return;
        }

        foreach (var key in included.Keys)
        {
            HoconMerge.Into(obj, key, included[key]);
        }
    }
}
