using ActorEcho.Kernel;
using ActorEcho.TestKit;

namespace ActorEcho.Tests.Kernel;

public sealed class ActorOfTests : TestKit.TestKit
{
    [Fact]
    public void Top_level_actors_live_under_user_with_the_given_name()
    {
        var actor = Sys.ActorOf(Props.Create(() => new EchoActor()), "echo");
        Assert.Equal("/user/echo", actor.Path.ToStringWithoutAddress());
        Assert.Equal($"actor://{Sys.Name}/user/echo", actor.Path.ToString());
    }

    [Fact]
    public void System_actors_live_under_system()
    {
        var actor = Sys.SystemActorOf(Props.Create(() => new EchoActor()), "io-tcp");
        Assert.Equal("/system/io-tcp", actor.Path.ToStringWithoutAddress());
    }

    [Fact]
    public void Unnamed_actors_get_distinct_generated_names()
    {
        var a = Sys.ActorOf(Props.Create(() => new EchoActor()));
        var b = Sys.ActorOf(Props.Create(() => new EchoActor()));
        Assert.StartsWith("$", a.Path.Name);
        Assert.NotEqual(a.Path, b.Path);
    }

    [Fact]
    public void A_generated_child_is_found_by_its_name_and_its_path_is_made_once()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(new Dictionary<string, Props>(), null)), "generating");
        parent.Tell(new Func<IActorContext, object>(c =>
        {
            var first = c.ActorOf(Props.Create(() => new EchoActor()));
            var second = c.ActorOf(Props.Create(() => new EchoActor()));
            var name = second.Path.Name;
            return (name, ReferenceEquals(c.Child(name), second), ReferenceEquals(c.Child(first.Path.Name), first),
                c.Child(name + "a") is null, ReferenceEquals(second.Path, second.Path), second.Path.ToStringWithoutAddress());
        }));
        var (name, foundSecond, foundFirst, paddedIsNobody, samePath, path) = ExpectMsg<(string, bool, bool, bool, bool, string)>();
        Assert.StartsWith("$", name);
        Assert.True(foundSecond && foundFirst && paddedIsNobody && samePath);
        Assert.Equal($"/user/generating/{name}", path);
    }

    [Theory]
    [InlineData(1L, "$b")]
    [InlineData(63L, "$~")]
    [InlineData(64L, "$ab")]
    [InlineData(long.MaxValue, "$~~~~~~~~~~h")]
    public void Generated_names_spell_the_number_lowest_digit_first_and_read_back(long number, string name)
    {
        Assert.Equal(name, GeneratedNames.Format(number));
        Assert.True(GeneratedNames.TryParse(name, out var read));
        Assert.Equal(number, read);
    }

    [Theory]
    [InlineData("$")]
    [InlineData("$a")] // zero: numbering starts at 1
    [InlineData("$ba")] // a high zero digit: not how 1 is spelled
    [InlineData("$b!")]
    [InlineData("b")]
    [InlineData("$~~~~~~~~~~~~")] // longer than any long
    [InlineData("$~~~~~~~~~~~")] // eleven digits past long.MaxValue
    public void Names_that_were_never_generated_are_not_read_as_numbers(string name) =>
        Assert.False(GeneratedNames.TryParse(name, out _));

    [Fact]
    public void A_duplicate_name_throws_naming_it()
    {
        Sys.ActorOf(Props.Create(() => new EchoActor()), "twin");
        var error = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new EchoActor()), "twin"));
        Assert.Contains("\"twin\"", error.Message);
        Assert.Contains("not unique", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("$reserved")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    public void An_invalid_name_throws_naming_it(string name)
    {
        var error = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new EchoActor()), name));
        if (name.Length > 0) Assert.Contains(name, error.Message);
    }

    [Fact]
    public void Props_from_a_type_and_arguments_creates_the_actor()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(typeof(ReportingActor), probe.Ref, "typed"));
        probe.ExpectMsg("typed:PreStart");
        actor.Tell("hello");
        probe.ExpectMsg("hello");
    }

    [Fact]
    public void Creating_an_actor_with_new_outside_ActorOf_throws()
    {
        Assert.Throws<InvalidOperationException>(() => new EchoActor());
    }

    [Fact]
    public void Context_exposes_self_parent_children_and_child_by_name()
    {
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(new Dictionary<string, Props>
        {
            ["kid"] = Props.Create(() => new ReportingActor(probe.Ref, "kid")),
        }, null)), "parent");
        probe.ExpectMsg("kid:PreStart");

        parent.Tell(("kid", (object)new Func<IActorContext, object>(c => (c.Self.Path.ToStringWithoutAddress(), c.Parent.Path.Name))));
        Assert.Equal(("/user/parent/kid", "parent"), probe.ExpectMsg<(string, string)>());
    }

    [Fact]
    public void Sender_is_the_implicit_sender_and_replies_reach_it()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));
        echo.Tell("ping"); // one-argument Tell in a test: the test actor is the sender
        ExpectMsg("ping");
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void Inside_an_actor_a_one_argument_tell_has_self_as_sender()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));
        var probe = CreateTestProbe();
        var relay = Sys.ActorOf(Props.Create(() => new ReportingActor(probe.Ref, "relay")));
        probe.ExpectMsg("relay:PreStart");
        // The relay tells the echo with one argument; the echo replies to the relay, which reports to the probe.
        relay.Tell(new Func<IActorContext, object>(c =>
        {
            echo.Tell("bounce");
            return "sent";
        }));
        probe.ExpectMsg("sent");
        probe.ExpectMsg("bounce");
        Assert.Equal(relay, probe.LastSender);
    }
}
