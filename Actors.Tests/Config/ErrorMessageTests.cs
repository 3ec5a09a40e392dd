using ActorEcho.Configuration;

namespace ActorEcho.Tests.Config;

public sealed class ErrorMessageTests
{
    private static ConfigException ParseError(string text) =>
        Assert.Throws<ConfigException>(() => ConfigurationFactory.ParseString(text, "akka.hocon"));

    [Fact]
    public void Unclosed_object_names_where_it_was_opened()
    {
        var error = ParseError("a {\n  b = 1\n");
        Assert.Equal("akka.hocon:3:1: expected '}' to close the object opened at 1:3, found end of file", error.Message);
        Assert.Equal(("akka.hocon", 3, 1), (error.OriginFile, error.Line, error.Column));
    }

    [Fact]
    public void Wrong_closing_bracket_names_the_object_it_should_close()
    {
        var error = ParseError("a {\n  b = 1 ]\n}");
        Assert.Equal("akka.hocon:2:9: expected ',' or a new line after the field, or '}' to close the object opened at 1:3, found ']'", error.Message);
    }

    [Fact]
    public void Unclosed_array_names_where_it_was_opened()
    {
        Assert.Equal("akka.hocon:1:11: expected ',' or ']' to close the array opened at 1:5, found '}'", ParseError("a = [1, 2 }").Message);
    }

    [Fact]
    public void Key_without_separator_is_reported()
    {
        Assert.Equal("akka.hocon:1:3: expected ':', '=', '+=' or '{' after the key 'a', found ']'", ParseError("a ]").Message);
    }

    [Fact]
    public void Missing_value_is_reported()
    {
        Assert.Equal("akka.hocon:1:5: expected a value after '=', found '}'", ParseError("a = }").Message);
    }

    [Fact]
    public void Two_fields_on_one_line_need_a_comma()
    {
        Assert.Equal("akka.hocon:1:9: expected ',' or a new line after the field, found '='", ParseError("a = 1 b = 2").Message);
    }

    [Fact]
    public void Unterminated_string_is_reported_where_it_starts()
    {
        Assert.StartsWith("akka.hocon:1:5: unterminated quoted string", ParseError("a = \"abc\nb = 1").Message);
    }

    [Fact]
    public void Unterminated_triple_quoted_string_is_reported_where_it_starts()
    {
        Assert.StartsWith("akka.hocon:2:5: unterminated triple-quoted string", ParseError("x = 1\na = \"\"\"abc\n\nb = 1").Message);
    }

    [Fact]
    public void Reserved_character_outside_quotes_is_reported()
    {
        Assert.Equal("akka.hocon:1:6: '@' is reserved and not allowed outside quotes", ParseError("a = b@c").Message);
    }

    [Fact]
    public void Bad_escape_is_reported()
    {
        Assert.StartsWith("akka.hocon:1:7: expected one of", ParseError("a = \"x\\qy\"").Message);
    }

    [Fact]
    public void Unclosed_substitution_names_where_it_was_opened()
    {
        Assert.Equal("akka.hocon:1:8: expected '}' to close the substitution opened at 1:5, found end of line", ParseError("a = ${b\nc = 1").Message);
    }

    [Fact]
    public void Empty_path_element_is_reported()
    {
        Assert.StartsWith("akka.hocon:1:1: a path element is empty", ParseError("a..b = 1").Message);
    }

    [Fact]
    public void Mixed_concatenation_names_the_field()
    {
        Assert.Equal("akka.hocon:1: a: cannot concatenate a list with a string", ParseError("a = [1] x").Message);
    }

    [Fact]
    public void Missing_key_names_the_full_path()
    {
        var config = ConfigurationFactory.ParseString("actor-echo { }", "akka.hocon");
        var error = Assert.Throws<ConfigException>(() => config.GetConfig("actor-echo").GetInt("actor.throughput"));
        Assert.Equal("actor-echo.actor.throughput: no such setting", error.Message);
        Assert.Equal("actor-echo.actor.throughput", error.Path);
    }

    [Fact]
    public void Wrong_type_names_the_path_the_expected_type_and_the_value_found_with_file_and_line()
    {
        var config = ConfigurationFactory.ParseString("actor-echo.listeners.chat {\n  port = 7000\n  max-connections = lots\n}", "akka.hocon");
        var error = Assert.Throws<ConfigException>(() => config.GetInt("actor-echo.listeners.chat.max-connections"));
        Assert.Equal("akka.hocon:3: actor-echo.listeners.chat.max-connections: expected an integer, found \"lots\"", error.Message);
        Assert.Equal(("akka.hocon", 3, "actor-echo.listeners.chat.max-connections"), (error.OriginFile, error.Line, error.Path));
    }

    [Theory]
    [InlineData("x = maybe", "boolean", "a boolean (true/false, yes/no, on/off)", "\"maybe\"")]
    [InlineData("x = 5 parsecs", "duration", "a duration (a number and one of ns, us, ms, s, m, h, d, or infinite)", "\"5 parsecs\"")]
    [InlineData("x = 10 XB", "bytes", "a size in bytes (a number and one of B, kB, K, KiB, MB, M, MiB, GB, G, GiB)", "\"10 XB\"")]
    [InlineData("x { y = 1 }", "boolean", "a boolean (true/false, yes/no, on/off)", "an object")]
    [InlineData("x = 3000000000", "int", "an integer that fits in 32 bits", "3000000000")]
    [InlineData("x = 1.5", "long", "an integer", "1.5")]
    [InlineData("x = [1]", "double", "a number", "a list")]
    public void Wrong_type_for_each_getter_names_what_was_expected_and_what_was_found(string text, string getter, string expected, string found)
    {
        var config = ConfigurationFactory.ParseString(text, "akka.hocon");
        Action read = getter switch
        {
            "boolean" => () => config.GetBoolean("x"),
            "duration" => () => config.GetTimeSpan("x"),
            "bytes" => () => config.GetByteSize("x"),
            "int" => () => config.GetInt("x"),
            "long" => () => config.GetLong("x"),
            _ => () => config.GetDouble("x"),
        };

        Assert.Equal($"akka.hocon:1: x: expected {expected}, found {found}", Assert.Throws<ConfigException>(read).Message);
    }

    [Fact]
    public void Wrong_type_for_a_list_and_an_object_is_reported()
    {
        var config = ConfigurationFactory.ParseString("s = text\nl = [1]", "akka.hocon");
        Assert.Equal("akka.hocon:1: s: expected a list of strings, found \"text\"", Assert.Throws<ConfigException>(() => config.GetStringList("s")).Message);
        Assert.Equal("akka.hocon:2: l: expected an object, found a list", Assert.Throws<ConfigException>(() => config.GetConfig("l")).Message);
        Assert.Equal("akka.hocon:2: l: expected a string, found a list", Assert.Throws<ConfigException>(() => config.GetString("l")).Message);
    }
}
