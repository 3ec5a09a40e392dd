using Akka.Actor;
using System.Text;
using ActorEcho.Protocols.Basic;

namespace ActorEcho.Protocols.Builtin;

/// <summary>
/// Twisted's echo client: sends <paramref name="message"/> on connect, collects the echo until it has as many
/// bytes as it sent, then closes. <see cref="Echoed"/> completes with what came back.
/// </summary>
public sealed class EchoClient(byte[] message) : Protocol
{
    private readonly MemoryStream _received = new();
    private readonly TaskCompletionSource<byte[]> _echoed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<byte[]> Echoed => _echoed.Task;

    protected internal override void ConnectionMade() => Transport.Write(message);

    protected internal override void DataReceived(ReadOnlySpan<byte> data)
    {
        _received.Write(data);
        if (_received.Length < message.Length) return;
        _echoed.TrySetResult(_received.ToArray());
        Transport.LoseConnection();
    }

    protected internal override void ConnectionLost(Exception reason) =>
        _echoed.TrySetException(new ConnectionLostException($"Closed after {_received.Length} of {message.Length} echoed bytes.", reason));
}

/// <summary>
/// Sends "hello, I'm &lt;name&gt; &lt;timestamp&gt;" (or <paramref name="text"/>, when given) as a line on connect
/// and every <paramref name="interval"/> while connected, and passes each line it receives to
/// <paramref name="onLine"/> (on the connection's turn).
/// </summary>
public sealed class PeriodicSender(string name, TimeSpan interval, Action<string>? onLine = null, string? text = null) : LineReceiver
{
    private ICancelable? _timer;

    protected internal override void ConnectionMade()
    {
        Send();
        Schedule();
    }

    private void Schedule() => _timer = Clock.ScheduleOnce(interval, () =>
    {
        Send();
        Schedule();
    });

    private void Send() => SendLine(text ?? $"hello, I'm {name} {Clock.Now:O}");

    protected override void LineReceived(ReadOnlySpan<byte> line) => onLine?.Invoke(Encoding.UTF8.GetString(line));

    protected internal override void ConnectionLost(Exception reason) => _timer?.Cancel();
}

/// <summary>The periodic client: a <see cref="PeriodicSender"/> that reconnects with backoff when the server goes away.</summary>
public sealed class PeriodicClientFactory(string name, TimeSpan interval, Action<string>? onLine = null, string? text = null)
    : ReconnectingClientFactory
{
    public override Protocol? BuildProtocol(System.Net.EndPoint address)
    {
        ResetDelay(); // connected: the next outage starts from the initial delay again
        return new PeriodicSender(name, interval, onLine, text);
    }
}
