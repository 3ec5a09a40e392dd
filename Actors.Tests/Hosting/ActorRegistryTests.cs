using ActorEcho.Hosting;
using ActorEcho.Kernel;

namespace ActorEcho.Tests.Hosting;

public sealed class ActorRegistryTests : TestKit.TestKit
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(message => Sender.Tell(message));
    }

    private sealed class Other;

    [Fact]
    public void A_registered_actor_is_returned_by_its_key()
    {
        var registry = new ActorRegistry();
        var echo = Sys.ActorOf(Props.Create(() => new Echo()), "echo");
        registry.Register<Echo>(echo);

        Assert.Same(echo, registry.Get<Echo>());
        Assert.True(registry.TryGet<Echo>(out var found));
        Assert.Same(echo, found);
        Assert.False(registry.TryGet<Other>(out _));
    }

    [Fact]
    public void Get_of_a_missing_key_names_the_key_and_how_to_register_it()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => new ActorRegistry().Get<Other>());

        Assert.Contains(typeof(Other).FullName!, error.Message);
        Assert.Contains("Register<Other>", error.Message);
    }

    [Fact]
    public void Registering_a_key_twice_throws_naming_the_key_and_both_actors()
    {
        var registry = new ActorRegistry();
        var first = Sys.ActorOf(Props.Create(() => new Echo()), "first");
        var second = Sys.ActorOf(Props.Create(() => new Echo()), "second");
        registry.Register<Echo>(first);

        var error = Assert.Throws<InvalidOperationException>(() => registry.Register<Echo>(second));

        Assert.Contains(typeof(Echo).FullName!, error.Message);
        Assert.Contains(first.Path.ToString(), error.Message);
        Assert.Contains(second.Path.ToString(), error.Message);
        Assert.False(registry.TryRegister<Echo>(second));
        Assert.Same(first, registry.Get<Echo>());
    }

    [Fact]
    public async Task WaitFor_completes_when_the_key_is_registered_later()
    {
        var registry = new ActorRegistry();
        var waiting = registry.WaitForAsync<Echo>();
        Assert.False(waiting.IsCompleted);

        var echo = Sys.ActorOf(Props.Create(() => new Echo()), "echo");
        registry.Register<Echo>(echo);

        Assert.Same(echo, await waiting.WaitAsync(TestHosts.Bound));
    }

    [Fact]
    public async Task WaitFor_is_cancellable()
    {
        using var cancel = new CancellationTokenSource();
        var waiting = new ActorRegistry().WaitForAsync<Other>(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
