using System.Net.Sockets;
using Akka.Actor;

namespace ActorEcho.IO.Readiness;

/// <summary>
/// Readiness through .NET's own socket engine: a zero-byte receive waits for data without holding a buffer,
/// and sends go out with SendAsync. Works on every platform; the epoll reactor is the faster path on Linux.
/// </summary>
internal sealed class AsyncEventReadiness : SocketReadiness
{
    private readonly SocketMessageArgs _receiveArgs;
    private readonly SocketMessageArgs _sendArgs;

    public AsyncEventReadiness(Socket socket, IActorRef owner, object readReady, object writeReady)
        : base(owner, readReady, writeReady)
    {
        socket.Blocking = false; // the receive after a readiness signal must never block the actor's thread
        _receiveArgs = new SocketMessageArgs(owner, readReady);
        _sendArgs = new SocketMessageArgs(owner, writeReady);
    }

    public override void AwaitReadable(Socket socket, bool drained)
    {
        _receiveArgs.SetBuffer(Memory<byte>.Empty);
        bool pending;
        try
        {
            pending = socket.ReceiveAsync(_receiveArgs);
        }
        catch (ObjectDisposedException)
        {
            return; // closed meanwhile; the close path reports it
        }

        // Data (or EOF, or an error) is already there: continue on a later turn rather than recursing, so a fast
        // peer cannot keep this actor from its other messages.
        if (!pending) Owner.Tell(ReadReadyMessage, Owner);
    }

    public override int Receive(Socket socket, Span<byte> buffer, out SocketError error) =>
        socket.Receive(buffer, SocketFlags.None, out error);

    public override SocketError TakeReadError() => _receiveArgs.SocketError;

    public override bool StartSend(Socket socket, IList<ArraySegment<byte>> buffers)
    {
        if (buffers.Count == 1)
        {
            _sendArgs.BufferList = null;
            _sendArgs.SetBuffer(buffers[0]);
        }
        else
        {
            _sendArgs.SetBuffer(null, 0, 0);
            _sendArgs.BufferList = buffers;
        }

        var pending = socket.SendAsync(_sendArgs);
        if (!pending) Record();
        return pending;
    }

    public override void OnWriteReady() => Record();

    private void Record()
    {
        SentBytes = _sendArgs.BytesTransferred;
        SendError = _sendArgs.SocketError;
    }

    // .NET closes a socket that still has an operation pending (our zero-byte receive) abortively, with a reset
    // that would cut off the bytes still in the kernel: the FIN goes first.
    public override void BeforeGracefulClose(Socket socket) => socket.Shutdown(SocketShutdown.Send);

    public override void Detach()
    {
        _receiveArgs.Detach();
        _sendArgs.Detach();
    }

    public override void Dispose()
    {
        _receiveArgs.Dispose();
        _sendArgs.Dispose();
    }
}
