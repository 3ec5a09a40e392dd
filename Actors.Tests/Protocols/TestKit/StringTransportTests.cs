using System.Net;
using ActorEcho.Protocols;
using ActorEcho.TestKit.Protocols;

namespace ActorEcho.Tests.Protocols.TestKit;

public class StringTransportTests
{
    private sealed class Pull : IPullProducer
    {
        public void ResumeProducing()
        {
        }

        public void StopProducing()
        {
        }
    }

    [Fact]
    public void Records_writes_in_order_until_cleared()
    {
        var transport = new StringTransport();

        transport.Write("ab"u8);
        transport.WriteSequence(["cd"u8.ToArray(), "e"u8.ToArray()]);
        Assert.Equal("abcde", transport.WrittenText);

        transport.Clear();
        transport.Write("f"u8);
        Assert.Equal("f", transport.WrittenText);
    }

    [Fact]
    public void Lose_connection_sets_disconnecting_and_later_writes_are_still_recorded()
    {
        var transport = new StringTransport();

        transport.LoseConnection();
        transport.Write("late"u8);

        Assert.True(transport.Disconnecting);
        Assert.False(transport.Aborted);
        Assert.Equal("late", transport.WrittenText);
    }

    [Fact]
    public void Abort_sets_both_flags_and_drops_later_writes()
    {
        var transport = new StringTransport();

        transport.AbortConnection();
        transport.Write("dropped"u8);

        Assert.True(transport.Disconnecting);
        Assert.True(transport.Aborted);
        Assert.Equal("", transport.WrittenText);
    }

    [Fact]
    public void Producer_registration_is_recorded_and_a_second_one_throws()
    {
        var transport = new StringTransport();
        var producer = new Pull();

        transport.RegisterProducer(producer, streaming: false);

        Assert.Same(producer, transport.Producer);
        Assert.False(transport.ProducerIsStreaming);
        Assert.Throws<InvalidOperationException>(() => transport.RegisterProducer(new Pull(), streaming: true));

        transport.UnregisterProducer();
        Assert.Null(transport.Producer);
        Assert.Throws<InvalidOperationException>(transport.UnregisterProducer);
    }

    [Fact]
    public void Producer_state_follows_pause_resume_and_stop()
    {
        var transport = new StringTransport();
        Assert.Equal(ProducerState.Producing, transport.ProducerState);

        transport.PauseProducing();
        Assert.Equal(ProducerState.Paused, transport.ProducerState);
        transport.ResumeProducing();
        Assert.Equal(ProducerState.Producing, transport.ProducerState);
        transport.StopProducing();
        Assert.Equal(ProducerState.Stopped, transport.ProducerState);
        Assert.Throws<InvalidOperationException>(transport.ResumeProducing);
    }

    [Fact]
    public void Peer_and_host_are_configurable()
    {
        var host = new IPEndPoint(IPAddress.IPv6Loopback, 1);
        var peer = new IPEndPoint(IPAddress.Parse("10.1.2.3"), 2);

        var transport = new StringTransport(host, peer);

        Assert.Equal(host, transport.GetHost());
        Assert.Equal(peer, transport.GetPeer());
        Assert.Equal(StringTransport.DefaultPeer, new StringTransport().GetPeer());
    }

    [Fact]
    public void Socket_options_are_recorded()
    {
        var transport = new StringTransport();

        transport.SetTcpNoDelay(true);
        transport.SetTcpKeepAlive(false);

        Assert.Equal((true, false), (transport.TcpNoDelay, transport.TcpKeepAlive));
    }
}
