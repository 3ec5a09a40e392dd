namespace ActorEcho.Protocols.Policies;

/// <summary>
/// Stands in for the wrapped protocol's producer at the real transport, so that two reasons to pause it
/// (the transport's high-water mark and the write throttle) do not undo each other: a push producer is
/// paused while either holds and resumed only when neither does; a pull producer's requests for more are
/// held back while throttled and the last one delivered when the throttle lifts.
/// </summary>
internal sealed class ThrottledProducer(IProducer producer, bool streaming) : IPushProducer, IPullProducer
{
    private bool _pausedByTransport;
    private bool _throttled;
    private bool _producerPaused;
    private bool _pullOwed;

    public void PauseProducing()
    {
        _pausedByTransport = true;
        Apply();
    }

    public void ResumeProducing()
    {
        if (streaming)
        {
            _pausedByTransport = false;
            Apply();
        }
        else if (_throttled)
        {
            _pullOwed = true;
        }
        else
        {
            (producer as IPullProducer)?.ResumeProducing();
        }
    }

    public void StopProducing() => producer.StopProducing();

    public void Throttle()
    {
        _throttled = true;
        Apply();
    }

    public void Unthrottle()
    {
        _throttled = false;
        Apply();
        if (!_pullOwed) return;
        _pullOwed = false;
        (producer as IPullProducer)?.ResumeProducing();
    }

    private void Apply()
    {
        if (!streaming || producer is not IPushProducer push) return;
        var pause = _pausedByTransport || _throttled;
        if (pause == _producerPaused) return;
        _producerPaused = pause;
        if (pause)
        {
            push.PauseProducing();
        }
        else
        {
            push.ResumeProducing();
        }
    }
}
