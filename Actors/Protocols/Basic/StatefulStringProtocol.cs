namespace ActorEcho.Protocols.Basic;

/// <summary>Handles one string in some state and returns the name of the next state.</summary>
public delegate string StringStateHandler(ReadOnlySpan<byte> data);

/// <summary>
/// A string protocol written as a state machine (Twisted's StatefulStringProtocol): each received string
/// goes to the handler registered for the current <see cref="State"/>, and the state becomes what the
/// handler returns. Entering <see cref="DoneState"/> closes the connection. A string arriving in a state
/// without a handler is logged and dropped.
/// </summary>
/// <remarks>Twisted mixes this into a string receiver; here it owns one, chosen by <see cref="StringFraming"/>.</remarks>
public abstract class StatefulStringProtocol : Protocol, IPushProducer
{
    /// <summary>The state a connection starts in.</summary>
    public const string InitialState = "init";

    /// <summary>The state that closes the connection once a handler returns it.</summary>
    public const string DoneState = "done";

    private readonly Dictionary<string, StringStateHandler> _handlers = new(StringComparer.Ordinal);
    private readonly StringReceiver _framer;

    protected StatefulStringProtocol(StringFraming framing = StringFraming.Int32)
    {
        _framer = StringFramers.Create(framing, Dispatch);
    }

    /// <summary>The current state, <see cref="InitialState"/> at first.</summary>
    public string State { get; set; } = InitialState;

    /// <summary>The framer that cuts the stream; set its MaxLength here.</summary>
    public StringReceiver Framer => _framer;

    /// <summary>Writes <paramref name="data"/> framed the way this protocol receives.</summary>
    public void SendString(ReadOnlySpan<byte> data) => ConnectedFramer().SendString(data);

    /// <summary>Writes <paramref name="data"/> as UTF-8, framed.</summary>
    public void SendString(string data) => ConnectedFramer().SendString(data);

    public void PauseProducing() => ConnectedFramer().PauseProducing();

    public void ResumeProducing() => ConnectedFramer().ResumeProducing();

    public void StopProducing() => ConnectedFramer().StopProducing();

    /// <summary>Registers the handler for strings received in <paramref name="state"/>, replacing any earlier one.</summary>
    protected void Handle(string state, StringStateHandler handler) => _handlers[state] = handler;

    protected internal override void DataReceived(ReadOnlySpan<byte> data) => ConnectedFramer().DataReceived(data);

    // The framer is attached on first use rather than in ConnectionMade, so a subclass that overrides
    // ConnectionMade without calling the base still works.
    private StringReceiver ConnectedFramer()
    {
        if (!_framer.Connected) _framer.MakeConnection(Transport);
        _framer.Logger = Logger;
        return _framer;
    }

    private void Dispatch(ReadOnlySpan<byte> data)
    {
        if (!_handlers.TryGetValue(State, out var handler))
        {
            FramerLog.NoStateHandler(Logger, Transport.GetPeer(), GetType().Name, State);
            return;
        }

        State = handler(data);
        if (State == DoneState) Transport.LoseConnection();
    }
}
