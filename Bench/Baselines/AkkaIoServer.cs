using System.Net;
using Akka.Actor;
using Akka.IO;
using ActorEcho.IO;

namespace ActorEcho.Bench.Baselines;

/// <summary>
/// Plain Akka.IO on 127.0.0.1, written the way Akka.IO's documentation teaches: a listener actor binds, and each
/// accepted connection gets one handler actor that registers itself and answers with Writes. No ActorEcho code is
/// involved, so beside ActorEcho it shows what ActorEcho's layer costs or saves. The same handlers also run, unchanged,
/// on ActorEcho's transport (<c>Context.System.ActorEchoTcp()</c>): what an Akka.IO user gains by switching managers.
/// </summary>
internal sealed class AkkaIoServer : IBaselineServer
{
    // The same backlog compare gives ActorEcho's host (and Kestrel's default is 512): bursts of connects must not
    // overflow the accept queue and pay for a SYN retransmit.
    private const int Backlog = 1024;

    private static readonly TimeSpan UnbindTimeout = TimeSpan.FromSeconds(5);

    private readonly ActorSystem _system;
    private readonly IActorRef _listener;

    private AkkaIoServer(ActorSystem system, IActorRef listener, int port)
    {
        _system = system;
        _listener = listener;
        Port = port;
    }

    /// <summary>The bound port: the real one when started with port 0.</summary>
    public int Port { get; }

    /// <param name="protocol">Echo or qotd.</param>
    /// <param name="port">The port; 0 for a free one.</param>
    /// <param name="onActorEchoTcp">Send the Bind to ActorEcho's transport instead of Akka.IO's manager.</param>
    public static async Task<AkkaIoServer> StartAsync(BaselineProtocol protocol, int port, bool onActorEchoTcp = false)
    {
        if (protocol is not (BaselineProtocol.Echo or BaselineProtocol.Qotd))
            throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "the Akka.IO baseline speaks echo and qotd");
        var system = AkkaBenchSystem.Create("akka-io-baseline");
        try
        {
            var bound = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            var address = new IPEndPoint(IPAddress.Loopback, port);
            var manager = onActorEchoTcp ? system.ActorEchoTcp() : system.Tcp();
            var listener = system.ActorOf(Props.Create(() => new Listener(manager, protocol, address, bound)), "listener");
            return new AkkaIoServer(system, listener, await bound.Task);
        }
        catch
        {
            await system.Terminate();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Unbound first: a listener whose Bind handler dies first logs a warning on every stop.
            await _listener.Ask<Tcp.Unbound>(Tcp.Unbind.Instance, UnbindTimeout);
        }
        catch (AskTimeoutException)
        {
            // Terminating stops the listener anyway.
        }

        await _system.Terminate();
    }

    /// <summary>Binds, then makes a handler child for every accepted connection; passes an Unbind on to Akka.IO.</summary>
    private sealed class Listener(IActorRef manager, BaselineProtocol protocol, EndPoint address, TaskCompletionSource<int> bound) : UntypedActor
    {
        private IActorRef _bound = ActorRefs.Nobody;

        protected override void PreStart() => manager.Tell(new Tcp.Bind(Self, address, Backlog), Self);

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case Tcp.Bound ready:
                    _bound = Sender;
                    bound.TrySetResult(((IPEndPoint)ready.LocalAddress).Port);
                    break;
                case Tcp.Unbind:
                    _bound.Forward(message); // Unbound goes back to whoever asked
                    break;
                case Tcp.CommandFailed failed:
                    bound.TrySetException(new InvalidOperationException($"Akka.IO could not bind {address}: {failed.CauseString}"));
                    Context.Stop(Self);
                    break;
                case Tcp.Connected:
                    var connection = Sender;
                    Context.ActorOf(protocol == BaselineProtocol.Echo
                        ? Props.Create(() => new EchoHandler(connection))
                        : Props.Create(() => new QotdHandler(connection)));
                    break;
                default:
                    Unhandled(message);
                    break;
            }
        }
    }

    /// <summary>Writes back every Received; stops when the connection has closed.</summary>
    private sealed class EchoHandler(IActorRef connection) : UntypedActor
    {
        // The handler registers itself: a Write reaching a connection before its Register is lost (AKKA.md, edge 1).
        protected override void PreStart() => connection.Tell(new Tcp.Register(Self), Self);

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case Tcp.Received received:
                    connection.Tell(Tcp.Write.Create(received.Data), Self);
                    break;
                case Tcp.ConnectionClosed:
                    Context.Stop(Self);
                    break;
                default:
                    Unhandled(message);
                    break;
            }
        }
    }

    /// <summary>Registers, writes the quote, closes (Close sends what is queued first); stops when the connection has closed.</summary>
    private sealed class QotdHandler(IActorRef connection) : UntypedActor
    {
        private static readonly ByteString Quote = ByteString.FromBytes(QotdConnectionHandler.Quote);

        protected override void PreStart()
        {
            connection.Tell(new Tcp.Register(Self), Self);
            connection.Tell(Tcp.Write.Create(Quote), Self);
            connection.Tell(Tcp.Close.Instance, Self);
        }

        protected override void OnReceive(object message)
        {
            if (message is Tcp.ConnectionClosed) Context.Stop(Self);
            else Unhandled(message);
        }
    }
}
