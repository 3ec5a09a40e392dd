using ActorEcho.Configuration;

namespace ActorEcho.Tests.Config;

public sealed class ParsingTests
{
    private static ActorEcho.Configuration.Config Parse(string text) => ConfigurationFactory.ParseString(text, "test.conf");

    [Fact]
    public void Json_is_read_as_is()
    {
        var config = Parse("""{"a": {"b": [1, 2.5, "x", true, null]}, "c": false}""");
        Assert.Equal("""{"a":{"b":[1,2.5,"x",true,null,],},"c":false,}""", TreeText.Of(config));
    }

    [Fact]
    public void Root_braces_are_optional()
    {
        Assert.Equal(TreeText.Of(Parse("{ a = 1 }")), TreeText.Of(Parse("a = 1")));
    }

    [Fact]
    public void Equals_colon_or_nothing_before_a_brace_all_set_a_field()
    {
        var config = Parse("a = 1\nb : 2\nc { d = 3 }");
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal(3, config.GetInt("c.d"));
    }

    [Fact]
    public void Commas_are_optional_at_newlines_and_may_trail()
    {
        var config = Parse("a = [1\n2,\n3,]\nb = 1,\nc = 2,");
        Assert.Equal(["1", "2", "3"], config.GetStringList("a"));
        Assert.Equal(2, config.GetInt("c"));
    }

    [Fact]
    public void Hash_and_double_slash_start_comments()
    {
        var config = Parse("a = 1 # one\n// whole line\nb = 2 // two\nurl = \"http://x\"");
        Assert.Equal(["a", "b", "url"], config.Keys);
        Assert.Equal("http://x", config.GetString("url"));
    }

    [Fact]
    public void Quoted_strings_understand_json_escapes()
    {
        var config = Parse("""a = "tab\there \"q\" \\ \/ \u0041 \n" """);
        Assert.Equal("tab\there \"q\" \\ / A \n", config.GetString("a"));
    }

    [Fact]
    public void Triple_quoted_strings_span_lines_and_ignore_escapes()
    {
        var config = Parse("a = \"\"\"one\\n\n  two \"quoted\"\"\"\"");
        Assert.Equal("one\\n\n  two \"quoted\"", config.GetString("a"));
    }

    [Fact]
    public void Unquoted_strings_keep_dots_slashes_and_dashes()
    {
        Assert.Equal("/var/log/echo-1.log", Parse("a = /var/log/echo-1.log").GetString("a"));
    }

    [Fact]
    public void Path_keys_build_nested_objects_and_quoted_segments_keep_their_dots()
    {
        var config = Parse("a.b.c = 1\na.\"x.y\" = 2");
        Assert.Equal(1, config.GetInt("a.b.c"));
        Assert.Equal(["b", "x.y"], config.GetConfig("a").Keys);
        Assert.Equal(2, config.GetInt("a.\"x.y\""));
    }

    [Fact]
    public void Duplicate_object_keys_merge_and_a_non_object_resets()
    {
        var config = Parse("a { x = 1, y = 2 }\na { y = 3 }\nb { x = 1 }\nb = 5\nb { z = 1 }");
        Assert.Equal("""{"a":{"x":1,"y":3,},"b":{"z":1,},}""", TreeText.Of(config));
    }

    [Fact]
    public void String_concatenation_keeps_the_whitespace_between_parts()
    {
        var config = Parse("a = foo  \"bar\"   3.14 true\nb = x\"y\"z");
        Assert.Equal("foo  bar   3.14 true", config.GetString("a"));
        Assert.Equal("xyz", config.GetString("b"));
    }

    [Fact]
    public void Array_concatenation_appends()
    {
        Assert.Equal(["1", "2", "3"], Parse("a = [1] [2, 3]").GetStringList("a"));
    }

    [Fact]
    public void Object_concatenation_merges()
    {
        var config = Parse("a = { x = 1, y = 1 } { y = 2 }");
        Assert.Equal("""{"x":1,"y":2,}""", TreeText.Of(config.GetConfig("a")));
    }

    [Fact]
    public void Keys_enumerate_in_document_order()
    {
        var config = Parse("actor-echo.listeners { zeta {}, alpha {}, mid {} }\nactor-echo.listeners.alpha.port = 1");
        Assert.Equal(["zeta", "alpha", "mid"], config.GetConfig("actor-echo.listeners").Keys);
    }

    [Fact]
    public void Every_value_remembers_its_file_line_and_column()
    {
        var origin = Parse("a {\n  b = 1\n    c = x\n}").GetOrigin("a.c");
        Assert.Equal(new ConfigOrigin("test.conf", 3, 9), origin);
        Assert.Equal("test.conf:3", origin.ToString());
    }
}
