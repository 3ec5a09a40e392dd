using ActorEcho.Bench.Load.Epoll;

namespace ActorEcho.Bench.Load;

/// <summary>How `echo` and `connect` drive their sockets.</summary>
internal enum GeneratorEngine
{
    /// <summary>One thread, one epoll instance, libc calls: a few syscalls per message and no allocation (Linux x64/arm64).</summary>
    Epoll,

    /// <summary>One async loop per connection on .NET Sockets: portable, but about twice the generator CPU per echo (measured on Linux).</summary>
    AsyncSockets,
}

/// <summary>Picks and names the engine.</summary>
internal static class GeneratorEngines
{
    /// <summary>The epoll engine where it runs, the async one elsewhere.</summary>
    public static GeneratorEngine Default => EpollLoop.Supported ? GeneratorEngine.Epoll : GeneratorEngine.AsyncSockets;

    /// <summary><paramref name="requested"/>, or <see cref="Default"/> when null; epoll where it cannot run is refused.</summary>
    public static GeneratorEngine Resolve(GeneratorEngine? requested)
    {
        var engine = requested ?? Default;
        if (engine == GeneratorEngine.Epoll && !EpollLoop.Supported)
        {
            throw new PlatformNotSupportedException("the epoll generator needs Linux on x86-64 or arm64");
        }

        return engine;
    }

    /// <summary>The line load and compare print, so a figure says what produced it.</summary>
    public static string Describe(GeneratorEngine engine) =>
        engine == GeneratorEngine.Epoll ? "generator: one epoll thread" : "generator: async sockets";

    /// <summary>Parses the --engine option: auto, epoll or async.</summary>
    public static GeneratorEngine? Parse(string value) => value switch
    {
        "auto" => null,
        "epoll" => GeneratorEngine.Epoll,
        "async" => GeneratorEngine.AsyncSockets,
        _ => throw new ArgumentException($"unknown engine '{value}': expected auto, epoll or async"),
    };
}
