using System.Security.Authentication;
using ActorEcho.Configuration;
using AkkaConfig = Akka.Configuration.Config;

namespace ActorEcho.Tls;

/// <summary>How TLS connections behave (<c>actor-echo.tls</c> in reference.conf, where each is explained).</summary>
internal sealed record TlsSettings(TimeSpan HandshakeTimeout, TimeSpan ReloadCheckInterval, long MaxBufferedInput, SslProtocols Versions)
{
    private const string Root = "actor-echo.tls";

    /// <summary>Where the versions are set, for a reader of the file before the actor system exists.</summary>
    public const string VersionsPath = Root + ".versions";

    public static TlsSettings From(AkkaConfig config)
    {
        var tls = AkkaSettingsReader.For(config, Root);
        var timeout = tls.Duration("handshake-timeout");
        if (timeout <= TimeSpan.Zero) throw new ConfigException($"{Root}.handshake-timeout: must be positive, found {tls.Text("handshake-timeout")}");
        var interval = tls.Duration("reload-check-interval");
        if (interval < TimeSpan.Zero) throw new ConfigException($"{Root}.reload-check-interval: must not be negative, found {tls.Text("reload-check-interval")}");
        SslProtocols versions;
        try
        {
            versions = ParseVersions(tls.Text("versions"));
        }
        catch (ConfigException exception)
        {
            throw new ConfigException($"{VersionsPath}: {exception.Message}");
        }

        return new TlsSettings(timeout, interval, tls.Positive("max-buffered-input", tls.Bytes("max-buffered-input")), versions);
    }

    /// <exception cref="ConfigException">A name other than tls12 or tls13, or none at all.</exception>
    public static SslProtocols ParseVersions(string text)
    {
        var versions = SslProtocols.None;
        foreach (var name in text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            versions |= name switch
            {
                "tls12" => SslProtocols.Tls12,
                "tls13" => SslProtocols.Tls13,
                _ => throw new ConfigException($"expected tls12 and/or tls13 (comma-separated), found '{name}'"),
            };
        }

        return versions != SslProtocols.None ? versions : throw new ConfigException("names no TLS version");
    }
}
