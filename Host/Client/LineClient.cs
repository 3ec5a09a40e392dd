using System.Text;
using ActorEcho.Tls;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Endpoints;

namespace ActorEcho.Host.Client;

/// <summary>
/// <c>connect ENDPOINT</c>: standard input lines to the server (CRLF-terminated, as line protocols expect), the
/// server's bytes to standard output. Ends when the server closes; at the end of input it half-closes and waits for that.
/// </summary>
internal static class LineClient
{
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();

    public static async Task<int> RunAsync(ConnectOptions options, TextReader input, Stream output, TextWriter errors)
    {
        var (system, logging) = ClientSystem.Create();
        try
        {
            var protocol = new PrintingProtocol(output);
            try
            {
                await Endpoints.ClientFromString(system, options.Endpoint).Connect(new ClientFactory(() => protocol) { Noisy = false }).ConfigureAwait(false);
            }
            catch (EndpointStringException exception)
            {
                await errors.WriteLineAsync($"Host: {exception.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await errors.WriteLineAsync($"Host: cannot connect to {options.Endpoint}: {exception.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            // Not awaited: when the server closes first, a read blocked on a terminal must not keep the client alive.
            _ = Task.Run(() => SendInput(input, protocol.Transport));
            // A TLS handshake fails after the TCP connection was made: that is a failure to connect, said as one.
            if (await protocol.Lost.ConfigureAwait(false) is TlsHandshakeException handshake)
            {
                await errors.WriteLineAsync($"Host: cannot connect to {options.Endpoint}: {handshake.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            return ExitCodes.Ok;
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
            logging.Dispose();
        }
    }

    /// <summary>Transport calls from this thread are carried to the connection's turn, in order.</summary>
    private static async Task SendInput(TextReader input, ITransport transport)
    {
        while (await input.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            var bytes = new byte[Encoding.UTF8.GetByteCount(line) + LineEnd.Length];
            Encoding.UTF8.GetBytes(line, bytes);
            LineEnd.CopyTo(bytes.AsSpan(bytes.Length - LineEnd.Length));
            transport.Write(bytes);
        }

        transport.LoseWriteConnection();
    }
}
