using ActorEcho.Configuration;

namespace ActorEcho.Hosting;

/// <summary>The hosting layer's settings under <c>actor-echo.hosting</c>; defaults in reference.conf.</summary>
internal sealed record HostingSettings(int SystemTerminatedExitCode)
{
    private const string Path = "actor-echo.hosting.system-terminated-exit-code";

    public static HostingSettings From(Config config)
    {
        var exitCode = config.GetInt(Path);
        if (exitCode is < 1 or > 255)
            throw new ConfigException($"{config.GetOrigin(Path)}: {Path}: must be between 1 and 255, found {exitCode}");
        return new HostingSettings(exitCode);
    }
}
