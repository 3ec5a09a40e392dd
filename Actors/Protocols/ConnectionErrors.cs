namespace ActorEcho.Protocols;

/// <summary>The connection was closed cleanly: by our LoseConnection or by the peer's FIN (Twisted's ConnectionDone).</summary>
public class ConnectionDoneException(string message = "Connection was closed cleanly.") : Exception(message);

/// <summary>The connection was lost in a non-clean fashion: a reset or a socket error (Twisted's ConnectionLost).</summary>
public class ConnectionLostException(string message = "Connection to the other side was lost in a non-clean fashion.", Exception? inner = null)
    : Exception(message, inner);

/// <summary>We aborted the connection ourselves with AbortConnection (Twisted's ConnectionAborted).</summary>
public class ConnectionAbortedException(string message = "Connection was aborted locally.") : ConnectionLostException(message);
