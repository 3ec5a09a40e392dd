using ActorEcho.Configuration;

namespace ActorEcho.Tests.Config;

public sealed class SubstitutionTests
{
    private static ActorEcho.Configuration.Config Parse(string text) => ConfigurationFactory.ParseString(text, "test.conf");

    [Fact]
    public void Substitution_resolves_against_the_merged_root_including_later_definitions()
    {
        var config = Parse("a = ${b.c}\nb.c = 1\nb.c = 2");
        Assert.Equal(2, config.GetInt("a"));
    }

    [Fact]
    public void Substitution_copies_whole_objects()
    {
        var config = Parse("defaults { port = 80, host = x }\nweb = ${defaults} { port = 8080 }");
        Assert.Equal("""{"host":"x","port":8080,}""", TreeText.Of(config.GetConfig("web")));
    }

    [Fact]
    public void Substitution_inside_a_string_concatenation_is_joined()
    {
        Assert.Equal("http://h:80/", Parse("host = h\nport = 80\nurl = \"http://\"${host}\":\"${port}/").GetString("url"));
    }

    [Fact]
    public void Undefined_optional_substitution_leaves_the_field_unset()
    {
        var config = Parse("a = ${?ACTOR_ECHO_SURELY_UNDEFINED_VARIABLE}\nb = [1, ${?nothing}]");
        Assert.False(config.HasPath("a"));
        Assert.Equal(["1"], config.GetStringList("b"));
    }

    [Fact]
    public void Undefined_optional_substitution_inside_a_concatenation_is_empty()
    {
        var config = Parse("a = foo${?ACTOR_ECHO_SURELY_UNDEFINED_VARIABLE}bar\nb = [1] ${?nothing} [2]");
        Assert.Equal("foobar", config.GetString("a"));
        Assert.Equal(["1", "2"], config.GetStringList("b"));
    }

    [Fact]
    public void Undefined_optional_substitution_keeps_the_previous_value()
    {
        Assert.Equal(30, Parse("a = 30\na = ${?ACTOR_ECHO_SURELY_UNDEFINED_VARIABLE}").GetInt("a"));
    }

    [Fact]
    public void Environment_variable_is_the_fallback_for_an_undefined_path()
    {
        var name = "ACTOR_ECHO_HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            Assert.Equal("from-env", Parse($"a = ${{{name}}}").GetString("a"));
            Assert.Equal("from-env", Parse($"a = ${{?{name}}}").GetString("a"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Self_reference_sees_the_previous_value()
    {
        var config = Parse("path = [a]\npath = ${path} [b]\nname = x\nname = ${name}y");
        Assert.Equal(["a", "b"], config.GetStringList("path"));
        Assert.Equal("xy", config.GetString("name"));
    }

    [Fact]
    public void Plus_equals_appends_to_an_array_and_starts_one_when_there_is_none()
    {
        var config = Parse("a = [1]\na += 2\nb.c += x\nb.c += y");
        Assert.Equal(["1", "2"], config.GetStringList("a"));
        Assert.Equal(["x", "y"], config.GetStringList("b.c"));
    }

    [Fact]
    public void Cycle_is_an_error_naming_the_keys_involved()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("a = ${b}\nb = ${c}\nc = ${a}"));
        Assert.Contains("a -> b -> c -> a", error.Message);
        Assert.Equal("test.conf", error.OriginFile);
    }

    [Fact]
    public void Unresolvable_substitution_is_an_error_naming_the_field_and_the_path()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("x {\n  a = ${no.such.path}\n}"));
        Assert.Equal("test.conf:2: x.a: could not resolve substitution ${no.such.path}: no such setting and no environment variable of that name", error.Message);
        Assert.Equal("x.a", error.Path);
    }
}
