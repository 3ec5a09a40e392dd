namespace ActorEcho.Configuration;

internal enum TokenKind
{
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Comma,
    Equals,
    Colon,
    PlusEquals,
    Newline,
    Whitespace,
    Unquoted,
    Quoted,
    Substitution,
    OptionalSubstitution,
    End,
}

/// <summary>One token; <see cref="Text"/> holds the unescaped string for quoted tokens and the raw text otherwise.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, int Column, bool IsNumber = false)
{
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of file",
        TokenKind.Newline => "end of line",
        TokenKind.Quoted => $"\"{Text}\"",
        TokenKind.Unquoted => $"'{Text}'",
        TokenKind.Substitution => "'${'",
        TokenKind.OptionalSubstitution => "'${?'",
        _ => $"'{Text}'",
    };
}
