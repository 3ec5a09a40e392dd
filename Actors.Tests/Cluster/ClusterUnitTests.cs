using ActorEcho.Cluster;
using ActorEcho.Cluster.Broadcast;
using ActorEcho.Cluster.Counters;
using ActorEcho.Cluster.Membership;
using ActorEcho.Configuration;

namespace ActorEcho.Tests.Cluster;

/// <summary>The parts that need no database: diffing the member table, the notification text, settings, channel names.</summary>
public sealed class ClusterUnitTests
{
    private static readonly Member A = new("a", Guid.NewGuid());
    private static readonly Member B = new("b", Guid.NewGuid());

    [Fact]
    public void View_reports_up_once_then_down_when_the_heartbeat_goes_stale()
    {
        var view = new MembershipView();

        Assert.Empty(view.Apply([new(A, MemberStatus.Joining, true)], judgeStale: true));
        Assert.Equal([new MemberUp(A)], view.Apply([new(A, MemberStatus.Up, true)], judgeStale: true));
        Assert.Empty(view.Apply([new(A, MemberStatus.Up, true)], judgeStale: true));
        Assert.Equal([new MemberDown(A)], view.Apply([new(A, MemberStatus.Up, false)], judgeStale: true));
        Assert.Empty(view.Apply([new(A, MemberStatus.Down, false)], judgeStale: true));
        Assert.Empty(view.Alive);
    }

    [Fact]
    public void View_does_not_judge_stale_rows_while_its_own_node_has_just_reconnected()
    {
        var view = new MembershipView();
        view.Apply([new(A, MemberStatus.Up, true)], judgeStale: true);

        Assert.Empty(view.Apply([new(A, MemberStatus.Up, false)], judgeStale: false));
        Assert.Contains(A, view.Alive);
    }

    [Fact]
    public void View_reports_left_for_leaving_and_for_deleted_rows_but_nothing_for_members_never_seen_up()
    {
        var view = new MembershipView();
        view.Apply([new(A, MemberStatus.Up, true), new(B, MemberStatus.Up, true)], judgeStale: true);

        Assert.Equal([new MemberLeft(A)], view.Apply([new(A, MemberStatus.Leaving, true), new(B, MemberStatus.Up, true)], judgeStale: true));
        Assert.Equal([new MemberLeft(B)], view.Apply([new(A, MemberStatus.Leaving, true)], judgeStale: true));
        Assert.Empty(view.Apply([], judgeStale: true));
        var stranger = new Member("c", Guid.NewGuid());
        Assert.Empty(view.Apply([new(stranger, MemberStatus.Down, false)], judgeStale: true));
    }

    [Fact]
    public void Counter_view_sums_live_members_other_than_itself()
    {
        var view = new ClusterCounterView();
        var dead = new Member("d", Guid.NewGuid());
        view.SetLocal("chat", new ListenerCount(1, 1));
        view.SetElsewhere([new(A, "chat", 99, 99), new(B, "chat", 2, 5), new(dead, "chat", 50, 50)], new HashSet<Member> { A, B }, A);

        Assert.Equal(new ListenerCount(2, 5), view.Elsewhere("chat"));
        Assert.Equal(new ListenerCount(3, 6), view.Total("chat"));
        Assert.Equal(default, view.Total("other"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5000)]
    public void Notification_text_round_trips_inline_payloads_and_predicts_its_length(int size)
    {
        var payload = Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();
        var sender = Guid.NewGuid();

        var text = NotificationCodec.Inline(sender, 42, payload);

        Assert.True(text.Length <= NotificationCodec.InlineLength(size));
        Assert.True(NotificationCodec.TryDecode(text, out var decoded));
        Assert.Equal(new Notification(sender, 42, null, null), decoded with { Inline = null });
        Assert.Equal(payload, decoded.Inline);
    }

    [Fact]
    public void Notification_text_round_trips_row_references_and_refuses_garbage()
    {
        var sender = Guid.NewGuid();
        Assert.True(NotificationCodec.TryDecode(NotificationCodec.ReferencePrefix(sender, 3) + "1234", out var decoded));
        Assert.Equal(new Notification(sender, 3, null, 1234), decoded);

        Assert.False(NotificationCodec.TryDecode("hello", out _));
        Assert.False(NotificationCodec.TryDecode(sender.ToString("N") + ":1:x:abc", out _));
        Assert.False(NotificationCodec.TryDecode(sender.ToString("N") + ":1:i:@@@", out _));
    }

    [Fact]
    public void Settings_have_reference_defaults_for_every_key_they_read()
    {
        var settings = ClusterSettings.From(ConfigurationFactory.Reference());

        Assert.False(settings.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.FailureTimeout);
        Assert.Equal(7900, settings.NotifyPayloadLimit);
        Assert.Equal($"{Environment.MachineName}:{Environment.ProcessId}", settings.Address);
        var keys = ConfigurationFactory.Reference().GetConfig("actor-echo.cluster").Keys;
        Assert.Equal(13, keys.Count); // one per ClusterSettings property: a new setting needs both
    }

    [Fact]
    public void Settings_refuse_a_failure_timeout_not_longer_than_the_heartbeat()
    {
        var config = ConfigurationFactory.ParseString("actor-echo.cluster { heartbeat-interval = 2s, failure-timeout = 2s }", "cluster settings")
            .WithFallback(ConfigurationFactory.Reference());

        var error = Assert.Throws<ConfigException>(() => ClusterSettings.From(config));
        Assert.StartsWith("cluster settings:1: actor-echo.cluster.failure-timeout:", error.Message);
    }

    [Fact]
    public void Listener_names_that_cannot_be_channels_are_refused()
    {
        Assert.Equal("actor_echo:Chat", BroadcastChannel.For("Chat"));
        Assert.Equal("Chat", BroadcastChannel.ListenerOf("actor_echo:Chat"));
        Assert.Throws<ArgumentException>(() => BroadcastChannel.For(new string('x', 60)));
        Assert.Throws<ArgumentException>(() => BroadcastChannel.For("a\"b"));
    }

    [Fact]
    public void Missing_postgres_binaries_fail_with_how_to_install_them()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PostgresBinaries.Find([Path.GetTempPath()]));
        Assert.Contains("apt-get install -y postgresql", error.Message);
    }
}
