using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorEcho.Protocols.Hosting;

/// <summary>
/// The host's rarely used state (a failure, a registered producer, the logger and clock once asked for) lives in one
/// object made on first use, as the actor cell's extras do: an idle connection carries one null reference for all
/// of it instead of five fields and three flags.
/// </summary>
internal sealed partial class ProtocolHost
{
    private HostExtras? _extras;

    private HostExtras Extras => _extras ??= new HostExtras();

    /// <summary>Why the connection is failing: a protocol callback threw, or the outbound queue overflowed.</summary>
    private Exception? Failure { get => _extras?.Failure; set => Extras.Failure = value; }

    private IProducer? Producer { get => _extras?.Producer; set => SetExtra(value, static (x, v) => x.Producer = v); }

    /// <summary>The producer is a push producer (it writes until paused) rather than a pull producer.</summary>
    private bool Streaming { get => _extras?.Streaming ?? false; set => SetExtra(value, static (x, v) => x.Streaming = v); }

    private bool ProducerPaused { get => _extras?.ProducerPaused ?? false; set => SetExtra(value, static (x, v) => x.ProducerPaused = v); }

    /// <summary>LoseConnection came while a producer was registered: close once it unregisters.</summary>
    private bool CloseAfterProducer { get => _extras?.CloseAfterProducer ?? false; set => SetExtra(value, static (x, v) => x.CloseAfterProducer = v); }

    /// <summary>Clearing a value that was never set must not make the extras.</summary>
    private void SetExtra<T>(T value, Action<HostExtras, T> set)
    {
        if (_extras is null && EqualityComparer<T>.Default.Equals(value, default)) return;
        set(Extras, value);
    }

    private sealed class HostExtras
    {
        public Exception? Failure;
        public IProducer? Producer;
        public bool Streaming;
        public bool ProducerPaused;
        public bool CloseAfterProducer;
        public ILogger? Log;
        public ActorClock? Clock;
    }
}
