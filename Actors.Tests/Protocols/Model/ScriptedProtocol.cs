using ActorEcho.Protocols;

namespace ActorEcho.Tests.Protocols.Model;

/// <summary>A protocol whose callbacks are delegates, for tests that script what a protocol does.</summary>
internal sealed class ScriptedProtocol : Protocol, IHalfCloseableProtocol
{
    public Action<ScriptedProtocol>? Made { get; init; }

    public SpanAction? Data { get; init; }

    public Action<ScriptedProtocol, Exception>? Lost { get; init; }

    public Action<ScriptedProtocol>? ReadLost { get; init; }

    public Action<ScriptedProtocol>? WriteLost { get; init; }

    public Func<ScriptedProtocol, object, bool>? Message { get; init; }

    public delegate void SpanAction(ScriptedProtocol protocol, ReadOnlySpan<byte> data);

    protected internal override void ConnectionMade() => Made?.Invoke(this);

    protected internal override void DataReceived(ReadOnlySpan<byte> data) => Data?.Invoke(this, data);

    protected internal override void ConnectionLost(Exception reason) => Lost?.Invoke(this, reason);

    protected internal override bool MessageReceived(object message) => Message?.Invoke(this, message) ?? false;

    public void ReadConnectionLost()
    {
        if (ReadLost is null) Transport.LoseConnection(); // not half-closing this time: behave like a plain protocol
        else ReadLost(this);
    }

    public void WriteConnectionLost() => WriteLost?.Invoke(this);
}

/// <summary>A producer that reports what the transport asks of it.</summary>
internal sealed class ReportingProducer(Action<string> report) : IPushProducer, IPullProducer
{
    public void PauseProducing() => report("paused");

    public void ResumeProducing() => report("resumed");

    public void StopProducing() => report("stopped");
}
