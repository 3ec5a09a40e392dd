using ActorEcho.Configuration;
using ActorEcho.IO;
using ActorEcho.IO.Readiness;
using ActorEcho.Kernel;
using HoconConfig = ActorEcho.Configuration.Config;

namespace ActorEcho.Tests.IO;

/// <summary>Choosing the readiness, and the epoll reactor's life with its actor system.</summary>
public sealed class ReadinessTests
{
    private static HoconConfig With(string setting) =>
        ConfigurationFactory.ParseString(setting, "test.conf").WithFallback(ConfigurationFactory.Reference());

    [Fact]
    public void An_unknown_readiness_is_refused_naming_the_key_and_the_choices()
    {
        var error = Assert.ThrowsAny<ConfigException>(() => TcpSettings.From(With("actor-echo.io.tcp.readiness = fast")));
        Assert.Contains("readiness", error.Message);
        Assert.Contains("socket-events", error.Message);
        Assert.Contains("test.conf", error.Message);
    }

    [Theory]
    [InlineData("auto", nameof(ReadinessKind.Auto))]
    [InlineData("epoll", nameof(ReadinessKind.Epoll))]
    [InlineData("socket-events", nameof(ReadinessKind.SocketEvents))]
    public void Each_readiness_name_parses(string name, string expected) =>
        Assert.Equal(expected, TcpSettings.From(With($"actor-echo.io.tcp.readiness = {name}")).Readiness.ToString());

    [Theory]
    [InlineData(11, "WouldBlock")]        // EAGAIN: wait for the next edge
    [InlineData(104, "ConnectionReset")]  // ECONNRESET: classified as reset by peer
    [InlineData(32, "Shutdown")]          // EPIPE: a write after the peer reset, also reset by peer
    [InlineData(110, "TimedOut")]         // ETIMEDOUT
    [InlineData(105, "NoBufferSpaceAvailable")] // ENOBUFS
    [InlineData(9999, "SocketError")]     // anything else stays a generic socket error
    public void Linux_errors_get_the_names_dotnet_gives_them(int errno, string expected) =>
        Assert.Equal(expected, DirectSocketCalls.ToSocketError(errno).ToString());

    [Fact]
    public async Task Socket_events_start_no_reactor()
    {
        var system = ActorSystem.Create("readiness", With("actor-echo.io.tcp.readiness = socket-events"));
        try
        {
            Assert.Null(TcpManagerRegistry.For(system).Settings.Reactor);
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task The_reactor_thread_ends_with_its_system()
    {
        if (!EpollInterop.Supported) return; // nothing to stop where epoll is not used (auto falls back)
        var system = ActorSystem.Create("readiness", With("actor-echo.io.tcp.readiness = epoll"));
        var reactor = TcpManagerRegistry.For(system).Settings.Reactor;
        Assert.NotNull(reactor);
        await system.Terminate();
        Assert.True(reactor.WaitStopped(TimeSpan.FromSeconds(10)), "the epoll thread is still running after the system terminated");
    }
}
