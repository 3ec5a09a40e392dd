using System.Net;
using DotNetty.Buffers;
using DotNetty.Transport.Bootstrapping;
using DotNetty.Transport.Channels;
using DotNetty.Transport.Channels.Sockets;

namespace ActorEcho.Bench.Baselines;

/// <summary>
/// DotNetty 0.7.6 (the .NET port of Netty) on 127.0.0.1, as its examples teach: one event loop for accepting, one per
/// core for connections, pooled buffers; echo writes back each read and flushes once per read burst, qotd writes the
/// quote and closes once it is flushed.
/// </summary>
internal sealed class DotNettyServer : IBaselineServer
{
    // The same backlog the other servers get, so bursts of connects are queued alike.
    private const int Backlog = 1024;

    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly IEventLoopGroup _boss;
    private readonly IEventLoopGroup _workers;
    private readonly IChannel _channel;

    private DotNettyServer(IEventLoopGroup boss, IEventLoopGroup workers, IChannel channel)
    {
        _boss = boss;
        _workers = workers;
        _channel = channel;
        Port = ((IPEndPoint)channel.LocalAddress).Port;
    }

    public int Port { get; }

    public static async Task<DotNettyServer> StartAsync(BaselineProtocol protocol, int port)
    {
        if (protocol is not (BaselineProtocol.Echo or BaselineProtocol.Qotd))
            throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "the DotNetty baseline speaks echo and qotd");
        var boss = new MultithreadEventLoopGroup(1);
        var workers = new MultithreadEventLoopGroup();
        try
        {
            var channel = await new ServerBootstrap()
                .Group(boss, workers)
                .Channel<TcpServerSocketChannel>()
                .Option(ChannelOption.SoBacklog, Backlog)
                .ChildOption(ChannelOption.TcpNodelay, true)
                .ChildHandler(new ActionChannelInitializer<IChannel>(channel =>
                    channel.Pipeline.AddLast(protocol == BaselineProtocol.Echo ? new EchoHandler() : new QotdHandler())))
                .BindAsync(new IPEndPoint(IPAddress.Loopback, port));
            return new DotNettyServer(boss, workers, channel);
        }
        catch
        {
            await Task.WhenAll(boss.ShutdownGracefullyAsync(QuietPeriod, ShutdownTimeout), workers.ShutdownGracefullyAsync(QuietPeriod, ShutdownTimeout));
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await Task.WhenAll(_boss.ShutdownGracefullyAsync(QuietPeriod, ShutdownTimeout), _workers.ShutdownGracefullyAsync(QuietPeriod, ShutdownTimeout));
    }

    /// <summary>Writes back what it reads; one flush per read burst, as Netty's echo example does.</summary>
    private sealed class EchoHandler : ChannelHandlerAdapter
    {
        public override bool IsSharable => true;

        public override void ChannelRead(IChannelHandlerContext context, object message) => context.WriteAsync(message);

        public override void ChannelReadComplete(IChannelHandlerContext context) => context.Flush();

        public override void ExceptionCaught(IChannelHandlerContext context, Exception exception) => context.CloseAsync();
    }

    /// <summary>Sends the quote on connect and closes once it has been flushed.</summary>
    private sealed class QotdHandler : ChannelHandlerAdapter
    {
        public override bool IsSharable => true;

        public override void ChannelActive(IChannelHandlerContext context) =>
            context.WriteAndFlushAsync(Unpooled.WrappedBuffer(QotdConnectionHandler.Quote))
                .ContinueWith(_ => context.CloseAsync(), TaskScheduler.Default);

        public override void ExceptionCaught(IChannelHandlerContext context, Exception exception) => context.CloseAsync();
    }
}
