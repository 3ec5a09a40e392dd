using System.Net;
using ActorEcho.Configuration;
using ActorEcho.Hosting.Listeners;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Endpoints;
using ActorEcho.Protocols.Policies;

namespace ActorEcho.Hosting.Protocols;

/// <summary>
/// One listener, checked: a known protocol, a valid endpoint string, only known settings, each of the right type.
/// Building every plan before binding anything is what lets a mistake stop the host with nothing half-started.
/// </summary>
internal sealed record ListenerPlan(
    ListenerDefinition Definition,
    ProtocolRegistration Protocol,
    ServerEndpointDescription Endpoint,
    Config Settings,
    ConnectionLimits Limits,
    PolicySettings Policies,
    LimitScope Scope,
    string FactoryKey,
    string? Transport,
    ActorEcho.Tls.TlsServerCredentials? Tls)
{
    private static readonly IReadOnlyDictionary<string, SettingKind> CommonSettings = new Dictionary<string, SettingKind>
    {
        ["endpoint"] = SettingKind.String,
        ["protocol"] = SettingKind.String,
        ["max-connections"] = SettingKind.Integer,
        ["max-connections-per-peer"] = SettingKind.Integer,
        ["idle-timeout"] = SettingKind.Duration,
        ["read-limit"] = SettingKind.ByteSize,
        ["write-limit"] = SettingKind.ByteSize,
        ["traffic-log"] = SettingKind.Boolean,
        ["factory"] = SettingKind.String,
        ["scope"] = SettingKind.String,
        ["transport"] = SettingKind.String,
    };

    public static IReadOnlyList<ListenerPlan> Check(Config root, IReadOnlyList<ListenerDefinition> definitions, ProtocolCatalog catalog)
    {
        var plans = definitions.Select(definition => Check(root, definition, catalog)).ToList();
        RejectSharedPorts(plans);
        RejectMixedSharedFactories(plans);
        RejectMixedScopes(plans);
        return plans;
    }

    private static ListenerPlan Check(Config root, ListenerDefinition definition, ProtocolCatalog catalog)
    {
        var entry = definition.Settings;
        if (!catalog.TryGet(definition.Protocol, out var protocol))
        {
            throw entry.InvalidValue("protocol",
                $"unknown protocol \"{definition.Protocol}\"; known protocols: {string.Join(", ", catalog.Names.Order())}");
        }

        foreach (var key in entry.Keys)
        {
            if (!CommonSettings.ContainsKey(key) && !protocol.Settings.ContainsKey(key))
            {
                throw entry.InvalidValue(key,
                    $"unknown setting for protocol {protocol.Name}; known: {string.Join(", ", CommonSettings.Keys.Concat(protocol.Settings.Keys).Order())}");
            }
        }

        ServerEndpointDescription endpoint;
        try
        {
            endpoint = EndpointString.ParseServer(definition.Endpoint);
        }
        catch (EndpointStringException exception)
        {
            throw entry.InvalidValue("endpoint", exception.Message);
        }

        var tls = LoadTlsFiles(root, entry, endpoint);

        var settings = WithDefaults(root, entry, protocol.Name);
        foreach (var (key, kind) in CommonSettings.Concat(protocol.Settings)) ReadAs(settings, key, kind);

        var factory = settings.GetString("factory");
        return new ListenerPlan(definition, protocol, endpoint, settings, ReadLimits(settings), ReadPolicies(settings), ReadScope(settings),
            factory.Length > 0 ? "shared:" + factory : "listener:" + definition.Name, ReadTransport(settings), tls);
    }

    /// <summary>
    /// An ssl: listener's certificate and key, read now (and used when it binds), so a missing file or a key that does not
    /// fit stops the host before anything binds.
    /// </summary>
    private static ActorEcho.Tls.TlsServerCredentials? LoadTlsFiles(Config root, Config entry, ServerEndpointDescription endpoint)
    {
        if (endpoint is not SslServerEndpointDescription ssl) return null;
        System.Security.Authentication.SslProtocols versions;
        try
        {
            versions = ActorEcho.Tls.TlsSettings.ParseVersions(root.GetString(ActorEcho.Tls.TlsSettings.VersionsPath));
        }
        catch (ConfigException exception)
        {
            throw root.InvalidValue(ActorEcho.Tls.TlsSettings.VersionsPath, exception.Message);
        }

        try
        {
            return ActorEcho.Tls.TlsServerCredentials.Load(ssl, versions);
        }
        catch (ActorEcho.Tls.TlsFileException exception)
        {
            throw entry.InvalidValue("endpoint", exception.Message);
        }
    }

    /// <summary>The entry over its protocol's defaults over the common listener defaults, all from reference.conf.</summary>
    private static Config WithDefaults(Config root, Config entry, string protocol)
    {
        var settings = entry;
        var protocolDefaults = $"actor-echo.protocol-defaults.\"{protocol}\"";
        if (root.HasPath(protocolDefaults)) settings = settings.WithFallback(root.GetConfig(protocolDefaults));
        return settings.WithFallback(root.GetConfig("actor-echo.listener-defaults"));
    }

    /// <summary>Reads a setting the way the code will, so a wrong type stops the host now, naming file, line and key.</summary>
    internal static void ReadAs(Config settings, string key, SettingKind kind)
    {
        if (!settings.HasPath(key)) return; // a protocol setting without a default: its factory's getter names it if needed
        _ = kind switch
        {
            SettingKind.Integer => settings.GetInt(key),
            SettingKind.Duration => settings.GetTimeSpan(key),
            SettingKind.ByteSize => settings.GetByteSize(key),
            SettingKind.Boolean => settings.GetBoolean(key),
            _ => (object)settings.GetString(key),
        };
    }

    private static ConnectionLimits ReadLimits(Config settings)
    {
        var max = NonNegative(settings, "max-connections");
        var perPeer = NonNegative(settings, "max-connections-per-peer");
        return new ConnectionLimits(
            max == 0 ? null : max,
            perPeer == 0 ? null : perPeer,
            max == 0 ? null : () => new ActorEcho.Protocols.Builtin.TooManyConnections());
    }

    /// <summary>The listener's own transport, or null for <c>actor-echo.io.transport</c>.</summary>
    private static string? ReadTransport(Config settings) => settings.GetString("transport") switch
    {
        "" => null,
        IO.TransportNames.ActorEcho => IO.TransportNames.ActorEcho,
        IO.TransportNames.AkkaIo => IO.TransportNames.AkkaIo,
        var other => throw settings.InvalidValue("transport", $"must be {IO.TransportNames.ActorEcho} or {IO.TransportNames.AkkaIo} (or empty for actor-echo.io.transport), found \"{other}\""),
    };

    private static LimitScope ReadScope(Config settings) => settings.GetString("scope") switch
    {
        "local" => LimitScope.Local,
        "cluster" => LimitScope.Cluster,
        "cluster-exact" => LimitScope.ClusterExact,
        var other => throw settings.InvalidValue("scope", $"must be local, cluster or cluster-exact, found \"{other}\""),
    };

    private static PolicySettings ReadPolicies(Config settings)
    {
        var idle = settings.GetTimeSpan("idle-timeout");
        var read = settings.GetByteSize("read-limit");
        var write = settings.GetByteSize("write-limit");
        return new PolicySettings(
            idle > TimeSpan.Zero ? new IdleTimeoutSettings(idle) : null,
            read > 0 || write > 0 ? new ThrottlingSettings(read > 0 ? read : null, write > 0 ? write : null) : null,
            settings.GetBoolean("traffic-log") ? new TrafficLoggingSettings() : null);
    }

    private static int NonNegative(Config settings, string key)
    {
        var value = settings.GetInt(key);
        return value >= 0 ? value : throw settings.InvalidValue(key, $"must be 0 (no cap) or more, found {value}");
    }

    private static void RejectSharedPorts(List<ListenerPlan> plans)
    {
        var seen = new Dictionary<string, ListenerPlan>();
        foreach (var plan in plans)
        {
            if (Address(plan.Endpoint) is not { } address) continue;
            if (seen.TryGetValue(address, out var first))
            {
                throw plan.Definition.Settings.InvalidValue("endpoint",
                    $"listeners {first.Definition.Name} and {plan.Definition.Name} both listen on {address}");
            }

            seen[address] = plan;
        }
    }

    /// <summary>A key per port (and per socket path); port 0 is a fresh port each time, so it never clashes.</summary>
    private static string? Address(ServerEndpointDescription endpoint) => endpoint switch
    {
        TcpServerEndpointDescription { Port: 0 } => null,
        TcpServerEndpointDescription tcp => $"port {tcp.Port}",
        UnixServerEndpointDescription unix => $"unix:{unix.Path}",
        _ => null,
    };

    private static void RejectMixedScopes(List<ListenerPlan> plans)
    {
        // One factory has one cap, so its listeners must agree on where that cap is counted.
        foreach (var group in plans.GroupBy(p => p.FactoryKey).Where(g => g.Select(p => p.Scope).Distinct().Count() > 1))
        {
            var second = group.Skip(1).First(p => p.Scope != group.First().Scope);
            throw second.Definition.Settings.InvalidValue("scope",
                $"shares factory \"{second.Settings.GetString("factory")}\" with listener {group.First().Definition.Name}, whose scope is {group.First().Scope.ToString().ToLowerInvariant()}");
        }
    }

    private static void RejectMixedSharedFactories(List<ListenerPlan> plans)
    {
        foreach (var group in plans.GroupBy(p => p.FactoryKey).Where(g => g.Select(p => p.Protocol.Name).Distinct().Count() > 1))
        {
            var second = group.Skip(1).First(p => p.Protocol.Name != group.First().Protocol.Name);
            throw second.Definition.Settings.InvalidValue("factory",
                $"shares factory \"{second.Settings.GetString("factory")}\" with listener {group.First().Definition.Name}, but runs protocol {second.Protocol.Name}, not {group.First().Protocol.Name}");
        }
    }

    public EndPoint ToEndPoint() => Endpoint switch
    {
        TcpServerEndpointDescription tcp => new IPEndPoint(tcp.Interface, tcp.Port),
        UnixServerEndpointDescription unix => new System.Net.Sockets.UnixDomainSocketEndPoint(unix.Path),
        _ => throw new NotSupportedException($"{Endpoint.Kind} endpoints cannot listen."),
    };
}
