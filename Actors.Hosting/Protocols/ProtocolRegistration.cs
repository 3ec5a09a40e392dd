using ActorEcho.Configuration;
using ActorEcho.Protocols;

namespace ActorEcho.Hosting.Protocols;

/// <summary>How a setting is read, so every listener's settings can be checked before anything binds.</summary>
public enum SettingKind
{
    String,
    Integer,
    Duration,
    ByteSize,
    Boolean,
}

/// <summary>
/// A protocol selectable by name in <c>akka.hocon</c>: the settings it reads (beyond the common listener ones)
/// and how to make the factory for one listener from that listener's settings.
/// </summary>
/// <param name="Name">The name listeners use in <c>protocol = NAME</c>.</param>
/// <param name="Settings">Its own settings and their kinds; defaults may live in <c>actor-echo.protocol-defaults.NAME</c>.</param>
/// <param name="CreateFactory">Makes the factory from the listener's settings (defaults already applied).</param>
public sealed record ProtocolRegistration(string Name, IReadOnlyDictionary<string, SettingKind> Settings, Func<Config, Factory> CreateFactory)
{
    /// <summary>A protocol with no settings of its own, one instance per connection.</summary>
    public static ProtocolRegistration For<T>(string name) where T : Protocol, new() =>
        new(name, new Dictionary<string, SettingKind>(), _ => Factory.ForProtocol<T>());
}
