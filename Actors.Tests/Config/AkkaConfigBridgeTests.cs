using ActorEcho.Configuration;
using AkkaConfig = Akka.Configuration.Config;
using AkkaLiteral = Akka.Configuration.Hocon.HoconLiteral;
using AkkaObject = Akka.Configuration.Hocon.HoconObject;
using AkkaValue = Akka.Configuration.Hocon.HoconValue;
using OurConfig = ActorEcho.Configuration.Config;

namespace ActorEcho.Tests.Config;

/// <summary>
/// Our tree handed to Akka through AkkaConfigBridge: the copy must be exact (node kinds, key order, literal text),
/// and Akka's getters must read it as ours do, except where Akka's getters themselves differ (pinned below so a
/// change in Akka shows up here and in the bridge's doc comment).
/// </summary>
public sealed class AkkaConfigBridgeTests
{
    [Theory]
    [InlineData("hello")]
    [InlineData("\"x.y.z\"")]
    [InlineData("\"say \\\"hi\\\" twice\"")]
    [InlineData("\"line based text\"")]
    [InlineData("\"\"")]
    [InlineData("\"ünï ☃ 𝄞 ключ\"")]
    [InlineData("\"a\\tb\\nc\"")]
    [InlineData("42")]
    [InlineData("-3.5e2")]
    [InlineData("30.0")]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("ActorEcho.Protocols.Basic.LineReceiver")]
    public void Every_scalar_keeps_its_text(string hocon)
    {
        var ours = OurConfig($"s = {hocon}");
        var akka = ours.ToAkkaConfig();
        Assert.Equal(ours.GetString("s"), akka.GetString("s"));
        Assert.Equal(ours.GetString("s"), Literal(akka.GetValue("s")));
    }

    [Fact]
    public void Null_is_the_literal_Akka_own_parser_builds_for_it()
    {
        // The one use of Akka's text parser: a fixed, well-formed line, to learn what Akka makes of null.
        var parsed = Akka.Configuration.ConfigurationFactory.ParseString("a = null").GetValue("a");
        var bridged = OurConfig("a = null\nlist = [1, null]").ToAkkaConfig();
        Assert.Equal("null", Literal(parsed));
        Assert.Equal(Literal(parsed), Literal(bridged.GetValue("a")));
        Assert.Null(bridged.GetString("a"));
        Assert.Equal(new string?[] { "1", null }, bridged.GetStringList("list"));
        // Ours says a null setting is absent; Akka says it is there.
        Assert.False(OurConfig("a = null").HasPath("a"));
        Assert.True(bridged.HasPath("a"));
        Assert.Null(bridged.GetString("a", "default"));
        Assert.ThrowsAny<Exception>(() => bridged.GetInt("a", 7));
        Assert.ThrowsAny<Exception>(() => bridged.GetBoolean("a", true));
    }

    [Fact]
    public void Akka_typed_getters_read_the_converted_values()
    {
        var akka = OurConfig("""
            n { int = 42, long = 9000000000, double = 2.5, yes = true, no = false, on = on }
            t { five = 5s, quarter = 250ms, half = 1.5s, minutes = 5m, bare = 300, infinite = infinite }
            b { k = 64KiB, m = 1MiB, kb = 64kB, bare = 1024 }
            names = [a, "b c", 3, true]
            """).ToAkkaConfig();
        Assert.Equal(42, akka.GetInt("n.int"));
        Assert.Equal(9_000_000_000L, akka.GetLong("n.long"));
        Assert.Equal(2.5, akka.GetDouble("n.double"));
        Assert.True(akka.GetBoolean("n.yes"));
        Assert.False(akka.GetBoolean("n.no"));
        Assert.True(akka.GetBoolean("n.on"));
        Assert.Equal(
            [5_000.0, 250, 1_500, 300_000, 300],
            new[] { "five", "quarter", "half", "minutes", "bare" }.Select(key => akka.GetTimeSpan("t." + key).TotalMilliseconds));
        Assert.Equal(Timeout.InfiniteTimeSpan, akka.GetTimeSpan("t.infinite"));
        Assert.Equal([65_536L, 1_048_576, 64_000, 1024], new[] { "k", "m", "kb", "bare" }.Select(key => akka.GetByteSize("b." + key)));
        Assert.Equal(["a", "b c", "3", "true"], akka.GetStringList("names"));
        Assert.Equal(["five", "quarter", "half", "minutes", "bare", "infinite"], Keys(akka.GetConfig("t")));
        Assert.True(akka.HasPath("b.k"));
        Assert.False(akka.HasPath("b.nope"));
        Assert.False(akka.HasPath("nope.deeper"));
    }

    /// <summary>Where Akka's getters read the same text differently from ours; the bridge's remarks list these.</summary>
    [Fact]
    public void Akka_getters_differ_from_ours_where_the_bridge_says()
    {
        var ours = OurConfig("""
            padded = "  hello  "
            quoted-null = "null"
            yes = yes
            micros = 100us
            exponent = 1e3
            five-m = 5m
            """);
        var akka = ours.ToAkkaConfig();
        Assert.Equal("  hello  ", Literal(akka.GetValue("padded")));
        Assert.Equal("hello", akka.GetString("padded"));
        Assert.Equal("null", ours.GetString("quoted-null"));
        Assert.Null(akka.GetString("quoted-null"));
        Assert.True(ours.GetBoolean("yes"));
        Assert.Throws<NotSupportedException>(() => akka.GetBoolean("yes"));
        Assert.Equal(TimeSpan.FromTicks(1000), ours.GetTimeSpan("micros"));
        Assert.Throws<FormatException>(() => akka.GetTimeSpan("micros"));
        Assert.Equal(1000, ours.GetInt("exponent"));
        Assert.Throws<FormatException>(() => akka.GetInt("exponent"));
        Assert.Equal(5L * 1024 * 1024, akka.GetByteSize("five-m"));
    }

    [Fact]
    public void Nested_objects_and_arrays_of_objects_keep_their_shape()
    {
        var ours = OurConfig("""
            outer { middle { inner { leaf = deep } }, sibling = 1 }
            list = [{ name = a, ports = [1, 2] }, { name = b, nested { x = y } }, [3, [4]]]
            empty-list = []
            empty-object {}
            """);
        var akka = ours.ToAkkaConfig();
        Assert.Equal("deep", akka.GetString("outer.middle.inner.leaf"));
        Assert.Equal("deep", akka.GetConfig("outer").GetConfig("middle.inner").GetString("leaf"));
        var list = akka.GetValue("list").GetArray();
        Assert.Equal("a", list[0].GetObject().GetKey("name").GetString());
        Assert.Equal([1, 2], list[0].GetObject().GetKey("ports").GetIntList());
        Assert.Equal("y", list[1].ToConfig().GetString("nested.x"));
        Assert.Equal("4", list[2].GetArray()[1].GetArray()[0].GetString());
        Assert.Empty(akka.GetValue("empty-list").GetArray());
        Assert.True(akka.GetValue("empty-object").IsObject());
        Assert.Empty(Keys(akka.GetConfig("empty-object")));
        AssertSameTree(ours, akka);
    }

    [Fact]
    public void Keys_keep_document_order()
    {
        var ours = OurConfig("zeta = 1\nalpha = 2\n\"10\" = 3\n\"2\" = 4\nmid { y = 1, b = 2, a = 3 }\nalpha = 5");
        var akka = ours.ToAkkaConfig();
        Assert.Equal(["zeta", "alpha", "10", "2", "mid"], Keys(akka));
        Assert.Equal(["y", "b", "a"], Keys(akka.GetConfig("mid")));
        Assert.Equal("5", akka.GetString("alpha"));
    }

    [Fact]
    public void Keys_that_need_quotes_are_kept_whole()
    {
        var ours = OurConfig("\"a.b\" = 1\n\"key with spaces\" = two\n\"\" = empty\nключ = \"☃\"\n\"x.y\" { z = 3 }\n\"q\\\"k\" = ok");
        var akka = ours.ToAkkaConfig();
        Assert.Equal(["a.b", "key with spaces", "", "ключ", "x.y", "q\"k"], Keys(akka));
        Assert.Equal("1", akka.GetString("\"a.b\""));
        Assert.Equal("two", akka.GetString("\"key with spaces\""));
        Assert.Equal("empty", akka.GetString("\"\""));
        Assert.Equal("☃", akka.GetString("ключ"));
        Assert.Equal("3", akka.GetString("\"x.y\".z"));
        Assert.False(akka.HasPath("a.b"));
        AssertSameTree(ours, akka);
    }

    [Theory]
    [InlineData("equiv01", "")]
    [InlineData("equiv02", "")]
    [InlineData("equiv03", "")]
    [InlineData("equiv04", "")]
    [InlineData("equiv05", "c,d")]
    public void Conformance_vectors_read_the_same_through_Akka(string folder, string paddedLeaves)
    {
        var ours = ConfigurationFactory.Load(Path.Combine(ConformanceRoot(), folder, "original.json"));
        var akka = ours.ToAkkaConfig();
        AssertSameTree(ours, akka);

        // Akka's GetString trims, so only strings with outer whitespace may read differently, and exactly so.
        var differing = new List<string>();
        foreach (var (path, value) in Leaves(ours.Root, ""))
        {
            var (expected, read) = Read(akka, path, value);
            if (!expected.SequenceEqual(read))
            {
                differing.Add(path);
                Assert.Equal(expected.Select(text => text?.Trim()), read);
            }
        }

        Assert.Equal(paddedLeaves, string.Join(',', differing));
    }

    [Fact]
    public void A_fallback_merged_config_converts_as_merged()
    {
        var top = OurConfig("a { x = top, list = [1] }\nb = \"from top\"\norder { second = 2 }");
        var bottom = OurConfig("a { x = bottom, y = \"only below\", list = [9, 9] }\nc = 3\norder { first = 1, second = 0 }");
        var merged = top.WithFallback(bottom);
        var akka = merged.ToAkkaConfig();
        AssertSameTree(merged, akka);
        Assert.Equal("top", akka.GetString("a.x"));
        Assert.Equal("only below", akka.GetString("a.y"));
        Assert.Equal([1], akka.GetIntList("a.list"));
        Assert.Equal("3", akka.GetString("c"));
        Assert.Equal(merged.GetConfig("order").Keys, Keys(akka.GetConfig("order")));

        // Akka merging the two converted halves itself agrees leaf by leaf.
        var akkaMerged = top.ToAkkaConfig().WithFallback(bottom.ToAkkaConfig());
        foreach (var (path, value) in Leaves(merged.Root, ""))
        {
            var (expected, read) = Read(akkaMerged, path, value);
            Assert.Equal(expected, read);
        }
    }

    [Fact]
    public async Task Akka_accepts_the_converted_config_for_an_actor_system()
    {
        var akka = OurConfig("""
            akka { loglevel = WARNING, stdout-loglevel = WARNING, actor.provider = local }
            custom { setting = "x.y z", n = 7 }
            """).ToAkkaConfig();
        var system = Akka.Actor.ActorSystem.Create("bridge", akka);
        try
        {
            Assert.Equal("WARNING", system.Settings.LogLevel);
            Assert.Equal("WARNING", system.Settings.Config.GetString("akka.loglevel"));
            Assert.Equal("local", system.Settings.Config.GetString("akka.actor.provider"));
            Assert.Contains("LocalActorRefProvider", system.Settings.ProviderClass, StringComparison.Ordinal);
            Assert.Equal("x.y z", system.Settings.Config.GetString("custom.setting"));
            Assert.Equal(7, system.Settings.Config.GetInt("custom.n"));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public void A_section_is_kept_at_its_path_and_nothing_else_is_copied()
    {
        var ours = OurConfig("akka { loglevel = DEBUG, actor { provider = local } }\nmine = secret\nx.y { z = 1 }");
        var akka = ours.ToAkkaConfig("akka");
        Assert.Equal(["akka"], Keys(akka));
        Assert.Equal("DEBUG", akka.GetString("akka.loglevel"));
        Assert.Equal("local", akka.GetString("akka.actor.provider"));
        Assert.False(akka.HasPath("mine"));
        Assert.Equal("1", ours.ToAkkaConfig("x.y").GetString("x.y.z"));
        Assert.Equal(["x"], Keys(ours.ToAkkaConfig("x.y")));
        Assert.Empty(Keys(ours.ToAkkaConfig("absent")));
        Assert.Empty(Keys(OurConfig("akka = null").ToAkkaConfig("akka")));
    }

    [Fact]
    public void A_section_that_is_not_an_object_is_an_error_naming_file_and_line()
    {
        var ours = ConfigurationFactory.ParseString("a = 1\nakka = 5", "app.conf");
        var error = Assert.Throws<ConfigException>(() => ours.ToAkkaConfig("akka"));
        Assert.StartsWith("app.conf:2:", error.Message, StringComparison.Ordinal);
        Assert.Equal("akka", error.Path);
    }

    private static OurConfig OurConfig(string hocon) => ConfigurationFactory.ParseString(hocon, "test.conf");

    private static string? Literal(AkkaValue value) => Assert.IsType<AkkaLiteral>(Assert.Single(value.Values)).Value;

    private static List<string> Keys(AkkaConfig config) => [.. config.Root.GetObject().Items.Keys];

    /// <summary>The exact copy: same node kinds, same keys in the same order, same literal text, one element per value.</summary>
    private static void AssertSameTree(OurConfig ours, AkkaConfig akka) => AssertSameNode(ours.Root, akka.Root, "(root)");

    private static void AssertSameNode(HoconValue ours, AkkaValue akka, string path)
    {
        var element = Assert.Single(akka.Values);
        if (ours is HoconObject obj)
        {
            var items = Assert.IsType<AkkaObject>(element).Items;
            Assert.True(obj.Keys.SequenceEqual(items.Keys), $"{path}: keys {string.Join(",", items.Keys)}");
            foreach (var key in obj.Keys)
            {
                AssertSameNode(obj[key], items[key], $"{path}.{key}");
            }
        }
        else if (ours is HoconArray array)
        {
            var akkaArray = Assert.IsType<Akka.Configuration.Hocon.HoconArray>(element);
            Assert.True(array.Items.Count == akkaArray.Count, $"{path}: {akkaArray.Count} items");
            for (var i = 0; i < akkaArray.Count; i++)
            {
                AssertSameNode(array.Items[i], akkaArray[i], $"{path}[{i}]");
            }
        }
        else
        {
            Assert.True(Assert.IsType<HoconScalar>(ours).Text == Assert.IsType<AkkaLiteral>(element).Value, $"{path}: literal differs");
        }
    }

    /// <summary>Every scalar and every array of scalars, with its path as Akka writes paths (quotes, no escapes).
    /// Arrays holding objects or arrays are left to <see cref="AssertSameTree"/>.</summary>
    private static IEnumerable<(string Path, HoconValue Value)> Leaves(HoconObject obj, string prefix) =>
        obj.Keys.SelectMany(key =>
        {
            var path = prefix + (key.Contains('.') || key.Length == 0 ? $"\"{key}\"" : key);
            return obj[key] switch
            {
                HoconObject child => Leaves(child, path + "."),
                HoconArray array when !array.Items.All(item => item is HoconScalar) => [],
                var leaf => [(path, leaf)],
            };
        });

    /// <summary>A leaf as we read it and as Akka reads it: one string, or the items of a list.</summary>
    private static (string?[] Ours, string?[] Akka) Read(AkkaConfig akka, string path, HoconValue value) =>
        value is HoconArray array
            ? ([.. array.Items.Select(Text)], [.. akka.GetStringList(path)])
            : ([Text(value)], [akka.GetString(path)]);

    /// <summary>Our reading of a scalar: its text, or null for a null.</summary>
    private static string? Text(HoconValue value) =>
        value is HoconScalar { Kind: not ScalarKind.Null } scalar ? scalar.Text : null;

    /// <summary>Same search as ConformanceTests: shared/ beside or above the test assembly.</summary>
    private static string ConformanceRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidates = new[] { "shared", "../shared" }
                .Select(shared => Path.GetFullPath(Path.Combine(directory.FullName, shared, "conformance", "hocon")));
            if (candidates.FirstOrDefault(Directory.Exists) is { } found)
            {
                return found;
            }
        }

        throw new InvalidOperationException($"shared/conformance/hocon was not found beside or above {AppContext.BaseDirectory}");
    }
}
