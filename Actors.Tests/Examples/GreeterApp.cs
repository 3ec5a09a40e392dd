using System.Text;
using ActorEcho.Configuration;
using ActorEcho.Hosting;
using ActorEcho.Protocols.Basic;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Hosting;

namespace ActorEcho.Tests.Examples;

// The README's example: an Akka.Hosting application with an actor of its own, served over TCP by an ActorEcho
// listener. Program.cs is one line: await GreeterApp.Build(args).RunAsync();

/// <summary>The application's own actor: greets by name and counts visitors across every connection.</summary>
public sealed class Greeter : ReceiveActor
{
    public sealed record Greet(string Name);

    public sealed record Greeting(string Text);

    private int _visitors;

    public Greeter() => Receive<Greet>(greet =>
    {
        _visitors++;
        Sender.Tell(new Greeting($"Hello, {greet.Name}! You are visitor {_visitors}."));
    });
}

/// <summary>One connection: each line received is a name, and the greeter's answer is sent back as a line.</summary>
public sealed class GreetProtocol(IActorRef greeter) : LineReceiver
{
    // Told from inside a callback, the message carries this connection's actor as its sender, so the answer
    // arrives in MessageReceived, on the connection's own turn: no locks, no blocking wait.
    protected override void LineReceived(ReadOnlySpan<byte> line) => greeter.Tell(new Greeter.Greet(Encoding.UTF8.GetString(line)));

    // In your own project this is `protected override`: this test assembly sees ActorEcho's internals.
    protected internal override bool MessageReceived(object message)
    {
        if (message is not Greeter.Greeting greeting) return false;
        SendLine(greeting.Text);
        return true;
    }
}

public static class GreeterApp
{
    // Which protocol runs on which port is configuration (usually a file: WithActorEchoHoconFile("akka.hocon")).
    // Port 0 lets the OS choose; ListeningPort("greet") tells which it chose.
    public const string Hocon = """
        actor-echo.listeners.greet {
          endpoint = "tcp:0:interface=127.0.0.1"
          protocol = greet
        }
        """;

    // The tests pass the Hocon with a transport added, to run the example on both.
    public static IHost Build(string[] args, string hocon = Hocon)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(args);
        builder.Services.AddAkka("greeter-app", (akka, _) => akka
            .WithActorEchoConfig(ConfigurationFactory.ParseString(hocon, "greeter-app.hocon"))
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory(); // Akka logs through Microsoft.Extensions.Logging, like the rest of the app
            })
            // The application's actor, registered in Akka.Hosting's ActorRegistry (IRequiredActor<Greeter> finds it too).
            .WithActors((system, registry) => registry.Register<Greeter>(system.ActorOf(Props.Create<Greeter>(), "greeter")))
            // `protocol = greet` in a listener: every connection gets a GreetProtocol that talks to that one actor.
            .AddProtocol("greet", (_, registry) =>
            {
                var greeter = registry.Get<Greeter>();
                return () => new GreetProtocol(greeter);
            })
            // Binds the listeners when the actor system starts; on stop, drains them in Akka's coordinated shutdown.
            .WithProtocolListeners());
        return builder.Build();
    }
}
