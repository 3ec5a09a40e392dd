using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorEcho.Tests.Cluster.Hosting;

/// <summary>A chat room member over a real loopback socket; every read has a deadline.</summary>
internal sealed class ChatClient : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly StreamReader _reader;
    private readonly Stream _stream;

    private ChatClient(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    /// <summary>The server's first line: the welcome, or "Too many connections, try later".</summary>
    public string Greeting { get; private set; } = "";

    public static async Task<ChatClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(10));
        var client = new ChatClient(tcp);
        client.Greeting = await client.ReadLineAsync(TimeSpan.FromSeconds(10)) ?? "";
        return client;
    }

    public bool Welcomed => Greeting.StartsWith("Welcome to the chat", StringComparison.Ordinal);

    public async Task SendAsync(string line) => await _stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"));

    /// <summary>The next line, or null at the end of the stream; throws when none comes within <paramref name="timeout"/>.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero);
        try
        {
            return await _reader.ReadLineAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No line within {timeout}");
        }
    }

    /// <summary>Skips lines until one satisfies <paramref name="match"/>; throws when none does within <paramref name="timeout"/>.</summary>
    public async Task<string> ReadUntilAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"No matching line within {timeout}");
            var line = await ReadLineAsync(left) ?? throw new IOException("The server closed the connection before a matching line");
            if (match(line)) return line;
        }
    }

    /// <summary>Every line until the server closes the connection.</summary>
    public async Task<List<string>> ReadToEndAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        var lines = new List<string>();
        while (await ReadLineAsync(until - DateTime.UtcNow) is { } line) lines.Add(line);
        return lines;
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
