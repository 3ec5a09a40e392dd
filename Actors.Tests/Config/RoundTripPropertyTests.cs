using System.Globalization;
using ActorEcho.Configuration;
using FsCheck;
using FsCheck.Fluent;

namespace ActorEcho.Tests.Config;

public sealed class RoundTripPropertyTests
{
    private static readonly ConfigOrigin Origin = new("generated", 1, 1);

    // Characters that stress quoting: separators, comment starters, escapes, whitespace, non-ASCII and a lone surrogate.
    private static readonly char[] Awkward = ['a', 'z', '0', '.', '"', '\\', '$', '{', '}', '[', ']', ':', '=', ',', '#', '/', ' ', '\t', '\n', '\r', '\u0001', 'é', '\u2028', '\uD800', '+', '?'];

    private static readonly Gen<string> Text = Gen.Choose(0, 8).SelectMany(length =>
        Gen.ListOf(Gen.OneOf(Gen.Elements(Awkward), Gen.Choose(32, 0xFFFF).Select(code => (char)code)), length)
            .Select(chars => new string(chars.ToArray())));

    private static readonly Gen<string> Key = Gen.OneOf(
        Text,
        Gen.Elements("port", "max-connections", "include", "true", "null", "1", "a.b", "", "with space", "_x"));

    private static readonly Gen<HoconValue> Scalar = Gen.OneOf(
        Text.Select(text => (HoconValue)new HoconScalar(ScalarKind.String, text, Origin)),
        Gen.Choose(int.MinValue, int.MaxValue).Select(n => Number(n.ToString(CultureInfo.InvariantCulture))),
        Gen.Two(Gen.Choose(-1_000_000, 1_000_000)).Select(t => Number((t.Item1 / (double)(t.Item2 == 0 ? 7 : t.Item2) * 1e-3).ToString("R", CultureInfo.InvariantCulture))),
        Gen.Elements("true", "false").Select(b => (HoconValue)new HoconScalar(ScalarKind.Boolean, b, Origin)),
        Gen.Constant((HoconValue)new HoconScalar(ScalarKind.Null, "null", Origin)));

    [Fact]
    public void Printing_a_random_config_and_parsing_it_again_gives_the_same_tree()
    {
        Prop.ForAll(Arb.From(Gen.Sized(size => ObjectOf(Math.Min(size / 10, 3)))), (HoconObject root) =>
        {
            var config = new ActorEcho.Configuration.Config(root);
            var reread = ConfigurationFactory.ParseString(config.ToHocon(), "printed");
            return TreeText.Of(config, sortKeys: false) == TreeText.Of(reread, sortKeys: false);
        }).QuickCheckThrowOnFailure();
    }

    private static HoconValue Number(string text) => new HoconScalar(ScalarKind.Number, text, Origin);

    private static Gen<HoconObject> ObjectOf(int depth) =>
        Gen.Choose(0, 5).SelectMany(count => Gen.ListOf(Key.Zip(ValueOf(depth)), count)).Select(fields =>
        {
            var obj = new HoconObject(Origin);
            foreach (var (key, value) in fields)
            {
                obj.Set(key, value);
            }

            return obj;
        });

    private static Gen<HoconValue> ValueOf(int depth) => depth <= 0
        ? Scalar
        : Gen.Frequency(
            (3, Scalar),
            (1, ObjectOf(depth - 1).Select(obj => (HoconValue)obj)),
            (1, Gen.Choose(0, 4).SelectMany(count => Gen.ListOf(ValueOf(depth - 1), count)).Select(items => (HoconValue)new HoconArray([.. items], Origin))));
}
