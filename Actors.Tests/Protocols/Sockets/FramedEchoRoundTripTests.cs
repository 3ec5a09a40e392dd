using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorEcho.IO;
using ActorEcho.Protocols;
using ActorEcho.Protocols.Builtin;
using ActorEcho.Tests.Protocols.Model;
using Xunit.Abstractions;

namespace ActorEcho.Tests.Protocols.Sockets;

/// <summary>
/// The built-in framed echo protocols over real loopback sockets: 50 concurrent clients each send 200 frames
/// (empty ones and ones of exactly MaxLength among them) cut into random-sized chunks, and each must get
/// back exactly its own frames, in order.
/// </summary>
public abstract class FramedEchoRoundTripTests : AkkaSpec
{
    private readonly ITestOutputHelper _output;

    protected FramedEchoRoundTripTests(ITestOutputHelper output, string transport)
        : base(output, transport: transport)
    {
        _output = output;
    }

    private const int ClientCount = 50;
    private const int FramesPerClient = 200;

    public static TheoryData<string> Protocols => ["line-echo", "netstring-echo", "int32-echo"];

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Ten_thousand_frames_from_50_concurrent_clients_each_come_back_in_order(string name)
    {
        var framing = Framing.For(name);
        var (port, endpoint) = await Net.Listen(Sys, framing.Serve());
        var clock = Stopwatch.StartNew();
        var token = Clients.Deadline();

        var clients = Enumerable.Range(0, ClientCount).Select(i => RunClient(endpoint, framing, seed: 6_000 + i, token)).ToArray();
        var results = await Task.WhenAll(clients).WaitAsync(Clients.Timeout);

        foreach (var (sent, received) in results)
        {
            Assert.Equal(sent.Count, received.Count);
            for (var i = 0; i < sent.Count; i++)
            {
                if (!sent[i].AsSpan().SequenceEqual(received[i]))
                    Assert.Fail($"{name}: frame {i} ({sent[i].Length} bytes) came back as {received[i].Length} different bytes");
            }
        }

        var bytes = results.Sum(r => r.Sent.Sum(f => f.Length));
        _output.WriteLine($"{name}: {ClientCount * FramesPerClient} frames, {bytes:N0} payload bytes each way, in {clock.ElapsedMilliseconds} ms");
        await port.StopListening().WaitAsync(Clients.Timeout);
    }

    /// <summary>One client: sends its frames in random chunks while reading the echo, then half-closes and expects EOF.</summary>
    private static async Task<(List<byte[]> Sent, List<byte[]> Received)> RunClient(IPEndPoint endpoint, Framing framing, int seed, CancellationToken token)
    {
        var random = new Random(seed);
        var frames = Enumerable.Range(0, FramesPerClient).Select(i => framing.Payload(random, i)).ToList();
        var wire = frames.SelectMany(framing.Encode).ToArray();

        using var socket = await Clients.Connect(endpoint, token);
        // Reading runs while sending: the server stops reading from a client that does not read its echo.
        var echo = Clients.ReadExactly(socket, wire.Length, token);
        for (var offset = 0; offset < wire.Length;)
        {
            var size = Math.Min(ChunkSize(random), wire.Length - offset);
            await Clients.SendAll(socket, wire.AsMemory(offset, size), token);
            offset += size;
        }

        var received = framing.Decode(await echo);
        socket.Shutdown(SocketShutdown.Send);
        Assert.Empty(await Clients.ReadToEnd(socket, token)); // the echo closes when the client has finished
        return (frames, received);
    }

    /// <summary>Mostly small chunks (1 to 16 bytes cut frames and delimiters apart), some up to 16 KiB.</summary>
    private static int ChunkSize(Random random) => random.Next(4) == 0 ? random.Next(1, 17) : random.Next(1, 16 * 1024);

    private sealed record Framing(
        Func<Factory> Serve, int MaxLength, Func<byte[], IEnumerable<byte>> Encode, Func<byte[], List<byte[]>> Decode, bool Text)
    {
        public static Framing For(string name) => name switch
        {
            "line-echo" => new(ActorEcho.Protocols.Factory.ForProtocol<LineEcho>, 16384, EncodeLine, DecodeLines, Text: true),
            "netstring-echo" => new(ActorEcho.Protocols.Factory.ForProtocol<NetstringEcho>, 99999, EncodeNetstring, DecodeNetstrings, Text: false),
            "int32-echo" => new(ActorEcho.Protocols.Factory.ForProtocol<Int32Echo>, 99999, EncodeInt32, DecodeInt32, Text: false),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };

        /// <summary>Frame 0 is empty, 1 is exactly MaxLength, 2 is one byte short; the rest vary, some empty.</summary>
        public byte[] Payload(Random random, int index)
        {
            var length = index switch
            {
                0 => 0,
                1 => MaxLength,
                2 => MaxLength - 1,
                _ => random.Next(20) switch
                {
                    0 => 0,
                    1 => random.Next(4096, 8192),
                    _ => random.Next(1, 200),
                },
            };

            var payload = new byte[length];
            random.NextBytes(payload);
            if (Text)
            {
                // Printable ASCII: a line never contains its delimiter.
                for (var i = 0; i < payload.Length; i++) payload[i] = (byte)(' ' + payload[i] % 95);
            }

            return payload;
        }

        private static IEnumerable<byte> EncodeLine(byte[] payload) => payload.Concat("\r\n"u8.ToArray());

        private static IEnumerable<byte> EncodeNetstring(byte[] payload) =>
            Encoding.ASCII.GetBytes($"{payload.Length}:").Concat(payload).Append((byte)',');

        private static IEnumerable<byte> EncodeInt32(byte[] payload)
        {
            var prefix = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(prefix, payload.Length);
            return prefix.Concat(payload);
        }

        private static List<byte[]> DecodeLines(byte[] wire)
        {
            var frames = new List<byte[]>();
            var span = wire.AsSpan();
            int end;
            while ((end = span.IndexOf("\r\n"u8)) >= 0)
            {
                frames.Add(span[..end].ToArray());
                span = span[(end + 2)..];
            }

            Assert.True(span.IsEmpty, $"{span.Length} bytes after the last line");
            return frames;
        }

        private static List<byte[]> DecodeNetstrings(byte[] wire)
        {
            var frames = new List<byte[]>();
            var span = wire.AsSpan();
            while (!span.IsEmpty)
            {
                var colon = span.IndexOf((byte)':');
                var length = int.Parse(Encoding.ASCII.GetString(span[..colon]), System.Globalization.CultureInfo.InvariantCulture);
                frames.Add(span.Slice(colon + 1, length).ToArray());
                Assert.Equal((byte)',', span[colon + 1 + length]);
                span = span[(colon + length + 2)..];
            }

            return frames;
        }

        private static List<byte[]> DecodeInt32(byte[] wire)
        {
            var frames = new List<byte[]>();
            var span = wire.AsSpan();
            while (!span.IsEmpty)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(span);
                frames.Add(span.Slice(4, length).ToArray());
                span = span[(4 + length)..];
            }

            return frames;
        }
    }
}

public sealed class FramedEchoRoundTripTestsOnActorEcho(ITestOutputHelper output) : FramedEchoRoundTripTests(output, TransportNames.ActorEcho);

public sealed class FramedEchoRoundTripTestsOnAkkaIo(ITestOutputHelper output) : FramedEchoRoundTripTests(output, TransportNames.AkkaIo);
