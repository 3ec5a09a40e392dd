using ActorEcho.Protocols;
using ActorEcho.Protocols.Basic;
using ActorEcho.TestKit.Protocols;

namespace ActorEcho.Tests.Protocols.TestKit;

public class LoopbackPairTests
{
    private sealed class Echo : LineReceiver
    {
        protected override void LineReceived(ReadOnlySpan<byte> line) => SendLine(line);
    }

    private sealed class Client : LineReceiver
    {
        public List<string> Lines { get; } = [];

        public Exception? Lost { get; private set; }

        protected internal override void ConnectionMade() => SendLine("hello");

        protected override void LineReceived(ReadOnlySpan<byte> line)
        {
            Lines.Add(System.Text.Encoding.ASCII.GetString(line));
            if (Lines.Count < 3) SendLine($"again {Lines.Count}");
            else Transport.LoseConnection();
        }

        protected internal override void ConnectionLost(Exception reason) => Lost = reason;
    }

    private sealed class HalfCloser : Protocol, IHalfCloseableProtocol
    {
        public List<string> Events { get; } = [];

        protected internal override void DataReceived(ReadOnlySpan<byte> data) => Events.Add("data:" + System.Text.Encoding.ASCII.GetString(data));

        public void ReadConnectionLost()
        {
            Events.Add("read lost");
            Transport.Write("reply"u8);
            Transport.LoseConnection();
        }

        public void WriteConnectionLost() => Events.Add("write lost");

        protected internal override void ConnectionLost(Exception reason) => Events.Add("lost:" + reason.GetType().Name);
    }

    [Fact]
    public void Pumps_both_ways_until_quiet_and_closes_cleanly()
    {
        var client = new Client();
        var pair = LoopbackPair.Connect(new Echo(), client);

        pair.Flush();

        Assert.Equal(["hello", "again 1", "again 2"], client.Lines);
        Assert.True(pair.Closed);
        Assert.IsType<ConnectionDoneException>(client.Lost);
        Assert.False(pair.Server.Connected);
    }

    [Fact]
    public void Nothing_moves_before_a_pump()
    {
        var client = new Client();
        var pair = LoopbackPair.Connect(new Echo(), client);

        Assert.Equal("hello\r\n", pair.ClientTransport.WrittenText);
        Assert.Equal("", pair.ServerTransport.WrittenText);

        // One round: the client's line reaches the server, whose echo then reaches the client.
        Assert.True(pair.Pump());
        Assert.Equal(["hello"], client.Lines);
        Assert.Equal("again 1\r\n", pair.ClientTransport.WrittenText);
    }

    [Fact]
    public void A_paused_side_receives_nothing_until_it_resumes()
    {
        var client = new Client();
        var server = new Echo();
        var pair = LoopbackPair.Connect(server, client);
        server.PauseProducing();

        pair.Flush();
        Assert.Empty(client.Lines);

        server.ResumeProducing();
        pair.Flush();
        Assert.Equal(3, client.Lines.Count);
    }

    [Fact]
    public void Abort_drops_pending_data_and_reports_aborted_and_lost()
    {
        var server = new HalfCloser();
        var client = new HalfCloser();
        var pair = LoopbackPair.Connect(server, client);

        pair.ClientTransport.Write("never"u8);
        pair.ClientTransport.AbortConnection();
        pair.Flush();

        Assert.Equal(["lost:ConnectionLostException"], server.Events);
        Assert.Equal(["lost:ConnectionAbortedException"], client.Events);
    }

    [Fact]
    public void Half_close_delivers_data_then_read_connection_lost()
    {
        var server = new HalfCloser();
        var client = new HalfCloser();
        var pair = LoopbackPair.Connect(server, client);

        pair.ClientTransport.Write("req"u8);
        pair.ClientTransport.LoseWriteConnection();
        pair.Flush();

        Assert.Equal(["data:req", "read lost", "lost:ConnectionDoneException"], server.Events);
        Assert.Equal(["write lost", "data:reply", "lost:ConnectionDoneException"], client.Events);
    }
}
