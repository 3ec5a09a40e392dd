using System.Net;
using System.Net.Sockets;
using Akka.IO;
using Xunit.Abstractions;

namespace ActorEcho.Tests.IO;

/// <summary>
/// Listening: a port in use, Unbind and the Bind handler's death (what happens to the accepted connections), pull-mode
/// accepting, the dual-stack <c>[::]</c> and Unix-domain sockets.
/// </summary>
public abstract class ListenerConformance(ITestOutputHelper output, string? config) : TcpSpec(output, config)
{
    [Fact]
    public async Task Bind_on_a_port_in_use_fails_with_CommandFailed_naming_the_port()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;
        var binder = CreateTestProbe();

        Manager.Tell(new Tcp.Bind(binder.Ref, new IPEndPoint(IPAddress.Loopback, port)), binder.Ref);

        var failed = binder.ExpectMsg<Tcp.CommandFailed>(Timeout);
        Assert.IsType<Tcp.Bind>(failed.Cmd);
        await AssertBindFailureNamesPort(failed, port);
    }

    protected virtual Task AssertBindFailureNamesPort(Tcp.CommandFailed failed, int port)
    {
        Assert.True(failed.Cause.HasValue);
        Assert.Equal(SocketError.AddressAlreadyInUse, Assert.IsAssignableFrom<SocketException>(failed.Cause.Value).SocketErrorCode);
        Assert.Contains($":{port}", failed.Cause.Value.Message, StringComparison.Ordinal);
        return Task.CompletedTask;
    }

    [Fact]
    public Task Unbind_answers_Unbound_stops_accepting_and_leaves_accepted_connections_open() => UnbindLeavesConnections();

    protected virtual async Task UnbindLeavesConnections()
    {
        var handler = CreateTestProbe();
        var (listener, address) = Bind(handler.Ref);
        using var c = await Accept(handler, address);
        c.Connection.Tell(new Tcp.Register(handler.Ref), handler.Ref);

        listener.Tell(Tcp.Unbind.Instance, handler.Ref);
        handler.ExpectMsg<Tcp.Unbound>(Timeout);

        await AssertRefused(address);
        await AssertStillEchoes(handler, c);
    }

    [Fact]
    public async Task After_Unbind_the_port_can_be_bound_again_at_once()
    {
        var handler = CreateTestProbe();
        var (listener, address) = Bind(handler.Ref);
        listener.Tell(Tcp.Unbind.Instance, handler.Ref);
        handler.ExpectMsg<Tcp.Unbound>(Timeout);

        var (_, again) = Bind(handler.Ref, address);

        using var c = await Accept(handler, again);
        Assert.Equal(address, again);
    }

    [Fact]
    public Task The_death_of_the_Bind_handler_stops_listening_and_leaves_accepted_connections_open() => BindHandlerDies();

    protected virtual async Task BindHandlerDies()
    {
        var binder = CreateTestProbe();
        var handler = CreateTestProbe();
        var (_, address) = Bind(binder.Ref);
        using var c = await Accept(binder, address);
        c.Connection.Tell(new Tcp.Register(handler.Ref), handler.Ref);

        Sys.Stop(binder.Ref);

        await AwaitAssertAsync(() => AssertRefused(address), Timeout);
        await AssertStillEchoes(handler, c);
    }

    [Fact]
    public Task In_pull_mode_nothing_is_accepted_before_ResumeAccepting_and_then_at_most_its_batch() => PullModeAccepting();

    protected virtual async Task PullModeAccepting()
    {
        var handler = CreateTestProbe();
        var (listener, address) = Bind(handler.Ref, pullMode: true);
        // The kernel completes a loopback handshake by itself: the clients connect whether or not anyone accepts.
        using var first = await Loopback.ConnectAsync(address);
        using var second = await Loopback.ConnectAsync(address);
        handler.ExpectNoMsg(Quiet);

        listener.Tell(new Tcp.ResumeAccepting(1), handler.Ref);
        handler.ExpectMsg<Tcp.Connected>(Timeout);
        handler.ExpectNoMsg(Quiet);

        listener.Tell(new Tcp.ResumeAccepting(1), handler.Ref);
        handler.ExpectMsg<Tcp.Connected>(Timeout);
    }

    [Fact]
    public Task Binding_IPv6Any_listens_dual_stack_and_reports_IPv4_clients_as_plain_IPv4() => DualStack();

    protected virtual async Task DualStack()
    {
        var handler = CreateTestProbe();
        var (_, address) = Bind(handler.Ref, new IPEndPoint(IPAddress.IPv6Any, 0));
        var port = ((IPEndPoint)address).Port;

        using var c = await Accept(handler, new IPEndPoint(IPAddress.Loopback, port));

        var remote = Assert.IsType<IPEndPoint>(c.Connected.RemoteAddress);
        Assert.Equal(IPAddress.Loopback, remote.Address);
        Assert.Equal(((IPEndPoint)c.Client.LocalEndPoint!).Port, remote.Port);
    }

    [Fact]
    public Task A_Unix_domain_socket_binds_serves_and_its_file_is_removed_on_Unbind() => UnixDomain();

    protected string UnixPath { get; } = Path.Combine(Path.GetTempPath(), $"actor-echo-io-{Guid.NewGuid():N}.sock");

    protected virtual async Task UnixDomain()
    {
        var handler = CreateTestProbe();
        var (listener, address) = Bind(handler.Ref, new UnixDomainSocketEndPoint(UnixPath));
        Assert.True(File.Exists(UnixPath));
        Assert.IsType<UnixDomainSocketEndPoint>(address);

        using var c = await Accept(handler, new UnixDomainSocketEndPoint(UnixPath));
        c.Connection.Tell(new Tcp.Register(handler.Ref), handler.Ref);
        await AssertStillEchoes(handler, c);

        listener.Tell(Tcp.Unbind.Instance, handler.Ref);
        handler.ExpectMsg<Tcp.Unbound>(Timeout);
        Assert.False(File.Exists(UnixPath));
        await AssertStillEchoes(handler, c);
    }

    protected static async Task AssertRefused(EndPoint address)
    {
        var error = await Assert.ThrowsAsync<SocketException>(async () => (await Loopback.ConnectAsync(address)).Dispose());
        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    /// <summary>The connection still carries bytes both ways.</summary>
    protected static async Task AssertStillEchoes(Akka.TestKit.TestProbe handler, Accepted c)
    {
        await Loopback.SendAsync(c.Client, "ping"u8.ToArray());
        Assert.Equal("ping", Text(ReceiveBytes(handler, 4).SelectMany(b => b).ToArray()));
        c.Connection.Tell(Write("pong"), handler.Ref);
        Assert.Equal("pong", Text(await Loopback.ReadExactlyAsync(c.Client, 4)));
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        File.Delete(UnixPath);
    }
}
