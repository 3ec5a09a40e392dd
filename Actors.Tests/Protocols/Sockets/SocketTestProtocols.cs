using ActorEcho.Protocols;
using Akka.Actor;

namespace ActorEcho.Tests.Protocols.Sockets;

/// <summary>A factory whose state a test can read on the factory actor's own turn.</summary>
internal sealed class QueryableFactory(Func<Protocol> protocol) : Factory(protocol)
{
    /// <summary>Runs <paramref name="read"/> on the factory's turn and returns what it read.</summary>
    public async Task<T> Ask<T>(Func<Factory, T> read)
    {
        var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Actor ?? throw new InvalidOperationException("The factory is not running.");
        actor.Tell(new Query(() => answer.SetResult(read(this))), null);
        return await answer.Task.WaitAsync(Clients.Timeout);
    }

    public override bool MessageReceived(object message, IActorRef? sender)
    {
        if (message is not Query query) return false;
        query.Run();
        return true;
    }

    private sealed record Query(Action Run);
}

/// <summary>
/// An echo that reports to a probe: "made" when connected (sent from the connection actor, so the probe's
/// LastSender is the connection), every chunk as "data:text", "lost" at the end; and it answers a
/// <see cref="Ping"/> told to the connection with a <see cref="Pong"/> built on the connection's turn.
/// A ping is a barrier: everything queued to the connection before it (timer ticks above all) has run.
/// </summary>
internal sealed class ReportingEcho(IActorRef probe, Func<ReportingEcho, string>? describe = null) : Protocol
{
    private readonly System.Text.StringBuilder _received = new();

    /// <summary>Every byte received so far, as Latin-1 text.</summary>
    public string Received => _received.ToString();

    public bool Echo { get; init; } = true;

    protected internal override void ConnectionMade() => probe.Tell("made", ActorCell.GetCurrentSelfOrNoSender());

    protected internal override void DataReceived(ReadOnlySpan<byte> data)
    {
        var text = System.Text.Encoding.Latin1.GetString(data);
        _received.Append(text);
        probe.Tell($"data:{text}", null);
        if (Echo) Transport.Write(data);
    }

    protected internal override bool MessageReceived(object message)
    {
        if (message is not Ping) return false;
        probe.Tell(new Pong(Transport.Disconnecting, describe?.Invoke(this) ?? ""), null);
        return true;
    }

    protected internal override void ConnectionLost(Exception reason) => probe.Tell("lost", null);
}

internal sealed record Ping
{
    public static readonly Ping Instance = new();
}

/// <summary>The connection's state on the turn that answered a <see cref="Ping"/>.</summary>
internal sealed record Pong(bool Disconnecting, string State);
