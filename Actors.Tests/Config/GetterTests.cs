using ActorEcho.Configuration;

namespace ActorEcho.Tests.Config;

public sealed class GetterTests
{
    private static ActorEcho.Configuration.Config Parse(string text) => ConfigurationFactory.ParseString(text, "test.conf");

    [Fact]
    public void Numbers_read_as_int_long_and_double()
    {
        var config = Parse("i = 42\nl = 9000000000\nd = 2.5\ne = 1e3\ns = \"7\"");
        Assert.Equal(42, config.GetInt("i"));
        Assert.Equal(9_000_000_000L, config.GetLong("l"));
        Assert.Equal(2.5, config.GetDouble("d"));
        Assert.Equal(1000, config.GetInt("e"));
        Assert.Equal(7, config.GetInt("s"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    public void Booleans_accept_true_false_yes_no_on_off(string text, bool expected)
    {
        Assert.Equal(expected, Parse($"b = {text}").GetBoolean("b"));
    }

    [Theory]
    [InlineData("100ns", 1)]
    [InlineData("5 us", 50)]
    [InlineData("10ms", 100_000)]
    [InlineData("250", 2_500_000)]
    [InlineData("1.5 s", 15_000_000)]
    [InlineData("2 seconds", 20_000_000)]
    [InlineData("3m", 1_800_000_000)]
    [InlineData("1 hour", 36_000_000_000)]
    [InlineData("1d", 864_000_000_000)]
    [InlineData("2 milliseconds", 20_000)]
    public void Durations_read_every_unit_and_a_bare_number_is_milliseconds(string text, long ticks)
    {
        Assert.Equal(TimeSpan.FromTicks(ticks), Parse($"t = {text}").GetTimeSpan("t"));
    }

    [Fact]
    public void Infinite_duration_is_the_infinite_timeout()
    {
        Assert.Equal(Timeout.InfiniteTimeSpan, Parse("t = infinite").GetTimeSpan("t"));
    }

    [Theory]
    [InlineData("512", 512)]
    [InlineData("512B", 512)]
    [InlineData("1kB", 1000)]
    [InlineData("1 K", 1024)]
    [InlineData("1KiB", 1024)]
    [InlineData("2MB", 2_000_000)]
    [InlineData("2 MiB", 2_097_152)]
    [InlineData("2M", 2_097_152)]
    [InlineData("3GB", 3_000_000_000)]
    [InlineData("3 GiB", 3_221_225_472)]
    [InlineData("3G", 3_221_225_472)]
    public void Byte_sizes_use_powers_of_1000_for_kB_MB_GB_and_1024_for_the_others(string text, long bytes)
    {
        Assert.Equal(bytes, Parse($"s = {text}").GetByteSize("s"));
    }

    [Fact]
    public void String_list_reads_an_array_of_scalars()
    {
        Assert.Equal(["a", "1", "true"], Parse("l = [a, 1, true]").GetStringList("l"));
    }

    [Fact]
    public void Default_overloads_apply_only_when_the_setting_is_missing_or_null()
    {
        var config = Parse("present = 5\nnothing = null");
        Assert.Equal(30, config.GetInt("absent", 30));
        Assert.Equal(30, config.GetInt("nothing", 30));
        Assert.Equal(5, config.GetInt("present", 30));
        Assert.Equal("d", config.GetString("a.b", "d"));
        Assert.Equal(7L, config.GetLong("x", 7));
        Assert.Equal(0.5, config.GetDouble("x", 0.5));
        Assert.True(config.GetBoolean("x", true));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("x", TimeSpan.FromSeconds(1)));
        Assert.Equal(64L, config.GetByteSize("x", 64));
        Assert.Equal(["z"], config.GetStringList("x", ["z"]));
    }

    [Fact]
    public void Default_overload_still_throws_for_a_value_of_the_wrong_type()
    {
        Assert.Throws<ConfigException>(() => Parse("a = lots").GetInt("a", 30));
    }

    [Fact]
    public void HasPath_is_false_for_missing_and_null_settings()
    {
        var config = Parse("a.b = 1\nc = null");
        Assert.True(config.HasPath("a"));
        Assert.True(config.HasPath("a.b"));
        Assert.False(config.HasPath("a.x"));
        Assert.False(config.HasPath("c"));
    }

    [Fact]
    public void GetConfig_gives_the_sub_object_and_its_errors_name_the_full_path()
    {
        var chat = Parse("actor-echo.listeners.chat { port = 1 }").GetConfig("actor-echo.listeners.chat");
        Assert.Equal(1, chat.GetInt("port"));
        var error = Assert.Throws<ConfigException>(() => chat.GetInt("max-connections"));
        Assert.Equal("actor-echo.listeners.chat.max-connections", error.Path);
    }

    [Fact]
    public void WithFallback_fills_in_missing_settings_and_merges_objects()
    {
        var app = Parse("a { x = 1 }\nb = app");
        var fallback = Parse("a { x = 0, y = 2 }\nb = ref\nc = ref");

        var merged = app.WithFallback(fallback);

        Assert.Equal("""{"a":{"x":1,"y":2,},"b":"app","c":"ref",}""", TreeText.Of(merged));
        Assert.Equal(["a", "b", "c"], merged.Keys);
    }

    [Fact]
    public void Empty_has_no_keys()
    {
        Assert.True(ConfigurationFactory.Empty.IsEmpty);
        Assert.Empty(ConfigurationFactory.Empty.Keys);
    }

    [Fact]
    public void ToHocon_renders_a_config_that_reads_back_to_the_same_tree()
    {
        var config = Parse("a { \"x.y\" = [1, {b = \"q\\\"\"}], z = null }\ninclude = yes\n\"\" = 2.50");
        var printed = config.ToHocon();
        Assert.Equal(TreeText.Of(config, sortKeys: false), TreeText.Of(ConfigurationFactory.ParseString(printed), sortKeys: false));
        Assert.Contains("2.50", printed);
    }
}
