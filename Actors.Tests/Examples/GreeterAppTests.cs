using System.Net;
using System.Net.Sockets;
using ActorEcho.Hosting;
using ActorEcho.IO;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorEcho.Tests.Examples;

/// <summary>The README example run as it is, on each transport: the whole application, real sockets.</summary>
public abstract class GreeterAppTests(string transport)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Every_client_is_greeted_by_the_one_greeter_actor_which_counts_them_all()
    {
        using var app = GreeterApp.Build([], $"{GreeterApp.Hocon}\nactor-echo.io.transport = {transport}");
        await app.StartAsync().WaitAsync(Bound);
        try
        {
            // The file said port 0: the actor system knows the port the listener really bound.
            var address = (IPEndPoint)app.Services.GetRequiredService<ActorSystem>().ListeningPort("greet").LocalAddress;

            using var alice = await LineClient.Connect(address);
            using var bob = await LineClient.Connect(address);

            Assert.Equal("Hello, Alice! You are visitor 1.", await alice.Ask("Alice"));
            Assert.Equal("Hello, Bob! You are visitor 2.", await bob.Ask("Bob"));
            Assert.Equal("Hello, Alice! You are visitor 3.", await alice.Ask("Alice"));
        }
        finally
        {
            await app.StopAsync().WaitAsync(Bound);
        }
    }

    /// <summary>A plain TCP client that sends a line and reads the answer line.</summary>
    private sealed class LineClient : IDisposable
    {
        private readonly TcpClient _tcp;
        private readonly StreamReader _reader;
        private readonly StreamWriter _writer;

        private LineClient(TcpClient tcp)
        {
            _tcp = tcp;
            _reader = new StreamReader(tcp.GetStream());
            _writer = new StreamWriter(tcp.GetStream()) { NewLine = "\r\n", AutoFlush = true };
        }

        public static async Task<LineClient> Connect(IPEndPoint address)
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync(address).WaitAsync(Bound);
            return new LineClient(tcp);
        }

        public async Task<string?> Ask(string line)
        {
            using var timeout = new CancellationTokenSource(Bound);
            await _writer.WriteLineAsync(line.AsMemory(), timeout.Token);
            return await _reader.ReadLineAsync(timeout.Token);
        }

        public void Dispose() => _tcp.Dispose();
    }
}

public sealed class GreeterAppTestsOnActorEcho() : GreeterAppTests(TransportNames.ActorEcho);

public sealed class GreeterAppTestsOnAkkaIo() : GreeterAppTests(TransportNames.AkkaIo);
