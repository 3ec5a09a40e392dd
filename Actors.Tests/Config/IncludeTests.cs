using ActorEcho.Configuration;

namespace ActorEcho.Tests.Config;

public sealed class IncludeTests
{
    [Fact]
    public void Include_is_relative_to_the_including_file_and_merges_at_the_include_point()
    {
        using var dir = new TempDirectory();
        dir.Write("conf/parts/limits.conf", "max = 10\nnested.x = 1");
        var main = dir.Write("conf/main.conf", "server {\n  include \"parts/limits.conf\"\n  max = 20\n}");

        var config = ConfigurationFactory.Load(main);

        Assert.Equal(20, config.GetInt("server.max"));
        Assert.Equal(1, config.GetInt("server.nested.x"));
        Assert.EndsWith("limits.conf", config.GetOrigin("server.nested.x").Description);
    }

    [Fact]
    public void Include_file_form_reads_the_named_file()
    {
        using var dir = new TempDirectory();
        dir.Write("a.conf", "a = 1");
        var main = dir.Write("main.conf", "include file(\"a.conf\")\ninclude required(file(\"a.conf\"))");
        Assert.Equal(1, ConfigurationFactory.Load(main).GetInt("a"));
    }

    [Fact]
    public void Include_without_extension_reads_conf_json_and_properties_with_conf_winning()
    {
        using var dir = new TempDirectory();
        dir.Write("x.conf", "a = conf");
        dir.Write("x.json", """{ "a": "json", "b": "json" }""");
        dir.Write("x.properties", "b = props\nc.d = props");
        var main = dir.Write("main.conf", "include \"x\"");

        var config = ConfigurationFactory.Load(main);

        Assert.Equal("""{"a":"conf","b":"json","c":{"d":"props",},}""", TreeText.Of(config));
    }

    [Fact]
    public void Missing_plain_include_is_ignored()
    {
        using var dir = new TempDirectory();
        var main = dir.Write("main.conf", "include \"nowhere.conf\"\na = 1");
        Assert.Equal(["a"], ConfigurationFactory.Load(main).Keys);
    }

    [Fact]
    public void Missing_required_include_is_an_error_naming_the_file()
    {
        using var dir = new TempDirectory();
        var main = dir.Write("main.conf", "a = 1\ninclude required(file(\"nowhere.conf\"))");

        var error = Assert.Throws<ConfigException>(() => ConfigurationFactory.Load(main));

        Assert.Contains("required include \"nowhere.conf\" not found", error.Message);
        Assert.StartsWith(main + ":2:1: ", error.Message);
        Assert.Equal(2, error.Line);
    }

    [Theory]
    [InlineData("include url(\"http://example.com/a.conf\")", "url(")]
    [InlineData("include classpath(\"a.conf\")", "classpath(")]
    [InlineData("include required(url(\"http://example.com/a.conf\"))", "url(")]
    public void Url_and_classpath_includes_are_reported_as_not_supported(string text, string form)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigurationFactory.ParseString(text, "app.conf"));
        Assert.Equal($"app.conf:1:1: include {form}...) is not supported: only files can be included, use include file(\"...\")", error.Message);
    }

    [Fact]
    public void Syntax_error_in_an_included_file_names_that_file()
    {
        using var dir = new TempDirectory();
        var part = dir.Write("part.conf", "a = [1, 2");
        var main = dir.Write("main.conf", "include \"part.conf\"");

        var error = Assert.Throws<ConfigException>(() => ConfigurationFactory.Load(main));

        Assert.Equal(part, error.OriginFile);
    }

    [Fact]
    public void Substitution_in_an_included_file_is_looked_up_relative_to_the_include_point_first()
    {
        using var dir = new TempDirectory();
        dir.Write("part.conf", "port = 80\nurl = \"h:\"${port}\ntop = ${root-only}");
        var main = dir.Write("main.conf", "root-only = r\nweb { include \"part.conf\" }");

        var config = ConfigurationFactory.Load(main);

        Assert.Equal("h:80", config.GetString("web.url"));
        Assert.Equal("r", config.GetString("web.top"));
    }

    [Fact]
    public void File_that_includes_itself_is_an_error_not_a_hang()
    {
        using var dir = new TempDirectory();
        var main = dir.Write("main.conf", "include \"main.conf\"");
        var error = Assert.Throws<ConfigException>(() => ConfigurationFactory.Load(main));
        Assert.Contains("does a file include itself?", error.Message);
    }

    [Fact]
    public void Loading_a_missing_file_is_an_error_naming_it()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigurationFactory.Load("/no/such/akka.hocon"));
        Assert.Equal("/no/such/akka.hocon: configuration file not found", error.Message);
    }
}
