using System.Diagnostics.Metrics;
using ActorEcho.Diagnostics;

namespace ActorEcho.Tests.Hosting;

public sealed class MetricsTests
{
    [Fact]
    public void Each_call_moves_its_instrument_tagged_with_the_listener()
    {
        using var metrics = new ActorEchoMetrics();
        using var recorder = new MeasurementRecorder(metrics.Meter);

        metrics.ConnectionAccepted("echo");
        metrics.ConnectionAccepted("echo");
        metrics.ConnectionClosed("echo");
        metrics.ConnectionRefused("chat");
        metrics.BytesReceived("echo", 4);
        metrics.BytesReceived("echo", 6);
        metrics.BytesSent("echo", 7);
        recorder.Observe(); // the byte counts are running totals, reported when a reader collects

        Assert.Equal(
        [
            ("connections.accepted", 1, "echo"),
            ("connections.active", 1, "echo"),
            ("connections.accepted", 1, "echo"),
            ("connections.active", 1, "echo"),
            ("connections.active", -1, "echo"),
            ("connections.refused", 1, "chat"),
            ("bytes.received", 10, "echo"),
            ("bytes.sent", 7, "echo"),
        ], recorder.Measurements);
    }

    [Fact]
    public void The_meter_is_named_ActorEcho_and_has_its_instruments()
    {
        using var metrics = new ActorEchoMetrics();
        using var recorder = new MeasurementRecorder(metrics.Meter);

        Assert.Equal("ActorEcho", metrics.Meter.Name);
        Assert.Equal(
            ["bytes.received", "bytes.sent", "cluster.members", "connection.duration", "connections.accepted", "connections.active",
             "connections.closed", "connections.refused", "deadletters", "frames.malformed", "tls.handshakes", "write.pauses"],
            recorder.Instruments.Select(i => i.Name).Order());
        Assert.IsType<UpDownCounter<long>>(recorder.Instruments.Single(i => i.Name == "connections.active"));
    }

    /// <summary>Listens to one meter instance only, so other instances in the test process cannot interfere.</summary>
    private sealed class MeasurementRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();

        public MeasurementRecorder(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (!ReferenceEquals(instrument.Meter, meter)) return;
                Instruments.Add(instrument);
                listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                var listener = tags.ToArray().Single(tag => tag.Key == ActorEchoMetrics.ListenerTag).Value as string;
                lock (Measurements) Measurements.Add((instrument.Name, value, listener!));
            });
            _listener.Start();
        }

        public List<Instrument> Instruments { get; } = [];

        public List<(string Instrument, long Value, string Listener)> Measurements { get; } = [];

        public void Observe() => _listener.RecordObservableInstruments();

        public void Dispose() => _listener.Dispose();
    }
}
