using ActorEcho.Configuration;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Basic;
using ActorEcho.Protocols.Builtin;

namespace ActorEcho.Hosting.Protocols;

/// <summary>The protocols listeners can name: the built-in ones, then those added with AddProtocol.</summary>
public sealed class ProtocolCatalog
{
    private readonly Dictionary<string, ProtocolRegistration> _registrations = new(StringComparer.Ordinal);

    public ProtocolCatalog(IEnumerable<ProtocolRegistration> added)
    {
        foreach (var builtin in Builtins()) _registrations[builtin.Name] = builtin;
        foreach (var registration in added) _registrations[registration.Name] = registration; // a user's may replace a built-in
    }

    public IReadOnlyCollection<string> Names => _registrations.Keys;

    public bool TryGet(string name, out ProtocolRegistration registration) => _registrations.TryGetValue(name, out registration!);

    private static IEnumerable<ProtocolRegistration> Builtins()
    {
        var none = new Dictionary<string, SettingKind>();
        yield return ProtocolRegistration.For<Echo>("echo");
        yield return ProtocolRegistration.For<Discard>("discard");
        yield return ProtocolRegistration.For<Daytime>("daytime");
        yield return new ProtocolRegistration("qotd", new Dictionary<string, SettingKind> { ["quote"] = SettingKind.String },
            settings =>
            {
                var quote = settings.GetString("quote");
                return new Factory(() => new Qotd(quote));
            });
        yield return new ProtocolRegistration("chat", none, _ => new ChatFactory());
        yield return new ProtocolRegistration("chargen", new Dictionary<string, SettingKind> { ["size"] = SettingKind.ByteSize },
            settings =>
            {
                var size = settings.GetByteSize("size");
                if (size < 0) throw settings.InvalidValue("size", $"must be 0 or more, found {size}");
                return new Factory(() => new Chargen(size));
            });
        yield return Framed<LineEcho>("line-echo", "max-line-length", (p, max) => p.MaxLength = max);
        yield return Framed<NetstringEcho>("netstring-echo", "max-length", (p, max) => p.MaxLength = max);
        yield return Framed<Int32Echo>("int32-echo", "max-length", (p, max) => p.MaxLength = max);
        yield return Framed<Int16Echo>("int16-echo", "max-length", (p, max) => p.MaxLength = max);
        yield return Framed<Int8Echo>("int8-echo", "max-length", (p, max) => p.MaxLength = max);
    }

    private static ProtocolRegistration Framed<T>(string name, string maxKey, Action<T, int> setMax) where T : Protocol, new() =>
        new(name, new Dictionary<string, SettingKind> { [maxKey] = SettingKind.Integer }, settings =>
        {
            var max = settings.GetInt(maxKey);
            if (max <= 0) throw settings.InvalidValue(maxKey, $"must be positive, found {max}");
            return new Factory(() =>
            {
                var protocol = new T();
                setMax(protocol, max);
                return protocol;
            });
        });
}
