using ActorEcho.Kernel;

namespace ActorEcho.TestKit;

public abstract partial class TestKitBase
{
    /// <summary>Expects the next message to be a <typeparamref name="T"/> (matching <paramref name="isMessage"/> when given).</summary>
    public T ExpectMsg<T>(Predicate<T>? isMessage = null, TimeSpan? timeout = null, string? hint = null)
    {
        var wait = RemainingOrDilated(timeout);
        var what = $"a {typeof(T).Name}{(isMessage is null ? "" : " matching the predicate")}{(hint is null ? "" : $" ({hint})")}";
        var received = TryReceiveOne(wait)
                       ?? throw Fail($"ExpectMsg: timed out after {Ms(wait)} waiting for {what}; nothing arrived.");
        if (received.Message is T typed && (isMessage is null || isMessage(typed))) return typed;
        throw Fail($"ExpectMsg: expected {what}, got {Describe(received)}.");
    }

    /// <summary>Expects the next message to equal <paramref name="message"/>.</summary>
    public T ExpectMsg<T>(T message, TimeSpan? timeout = null) where T : notnull
    {
        var wait = RemainingOrDilated(timeout);
        var received = TryReceiveOne(wait)
                       ?? throw Fail($"ExpectMsg: timed out after {Ms(wait)} waiting for {Show(message)}; nothing arrived.");
        if (received.Message is T typed && Equals(typed, message)) return typed;
        throw Fail($"ExpectMsg: expected {Show(message)}, got {Describe(received)}.");
    }

    /// <summary>Expects nothing to arrive for <paramref name="duration"/> (dilated).</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        var wait = RemainingOrDilated(duration);
        if (TryReceiveOne(wait) is { } received)
            throw Fail($"ExpectNoMsg: expected no message for {Ms(wait)}, got {Describe(received)}.");
    }

    /// <summary>Expects exactly these messages, in any order; returns them in arrival order.</summary>
    public IReadOnlyList<T> ExpectMsgAllOf<T>(params T[] messages) => ExpectMsgAllOfWithin(null, messages);

    public IReadOnlyList<T> ExpectMsgAllOfWithin<T>(TimeSpan? timeout, params T[] messages)
    {
        var wait = RemainingOrDilated(timeout);
        var end = Now + wait;
        var missing = messages.ToList();
        var arrived = new List<T>();
        while (missing.Count > 0)
        {
            var received = TryReceiveOne(Max(TimeSpan.Zero, end - Now))
                           ?? throw Fail($"ExpectMsgAllOf: timed out after {Ms(wait)}; still missing {string.Join(", ", missing.Select(m => Show(m)))}; got {string.Join(", ", arrived.Select(m => Show(m)))}.");
            var index = received.Message is T typed ? missing.FindIndex(m => Equals(m, typed)) : -1;
            if (index < 0)
                throw Fail($"ExpectMsgAllOf: got {Describe(received)}, which is not among the expected {string.Join(", ", missing.Select(m => Show(m)))}.");
            arrived.Add(missing[index]);
            missing.RemoveAt(index);
        }

        return arrived;
    }

    /// <summary>Expects one message equal to any of <paramref name="messages"/>.</summary>
    public T ExpectMsgAnyOf<T>(params T[] messages)
    {
        var wait = RemainingOrDefault;
        var received = TryReceiveOne(wait)
                       ?? throw Fail($"ExpectMsgAnyOf: timed out after {Ms(wait)} waiting for one of {string.Join(", ", messages.Select(m => Show(m)))}.");
        if (received.Message is T typed && messages.Any(m => Equals(m, typed))) return typed;
        throw Fail($"ExpectMsgAnyOf: expected one of {string.Join(", ", messages.Select(m => Show(m)))}, got {Describe(received)}.");
    }

    /// <summary>Skips messages until one matches; fails when none does in time.</summary>
    public object FishForMessage(Predicate<object> isMessage, TimeSpan? timeout = null, string? hint = null)
    {
        var wait = RemainingOrDilated(timeout);
        var end = Now + wait;
        var skipped = 0;
        while (true)
        {
            var received = TryReceiveOne(Max(TimeSpan.Zero, end - Now))
                           ?? throw Fail($"FishForMessage: timed out after {Ms(wait)}{(hint is null ? "" : $" fishing for {hint}")}; skipped {skipped} messages.");
            if (isMessage(received.Message)) return received.Message;
            skipped++;
        }
    }

    public T FishForMessage<T>(Predicate<T>? isMessage = null, TimeSpan? timeout = null, string? hint = null) =>
        (T)FishForMessage(m => m is T typed && (isMessage is null || isMessage(typed)), timeout, hint ?? typeof(T).Name);

    /// <summary>Receives exactly <paramref name="count"/> messages of any type.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null)
    {
        var wait = RemainingOrDilated(timeout);
        var end = Now + wait;
        var received = new List<object>(count);
        while (received.Count < count)
        {
            var next = TryReceiveOne(Max(TimeSpan.Zero, end - Now))
                       ?? throw Fail($"ReceiveN: timed out after {Ms(wait)} with {received.Count} of {count} messages.");
            received.Add(next.Message);
        }

        return received;
    }

    /// <summary>
    /// Takes messages while <paramref name="filter"/> maps them to a value; the first it maps to null is left in
    /// the queue. Stops after <paramref name="max"/> overall, after <paramref name="idle"/> without a message, or
    /// after <paramref name="count"/> messages.
    /// </summary>
    public IReadOnlyList<T> ReceiveWhile<T>(Func<object, T?> filter, TimeSpan? max = null, TimeSpan? idle = null, int count = int.MaxValue)
        where T : class
    {
        var end = Now + RemainingOrDilated(max);
        var collected = new List<T>();
        while (collected.Count < count)
        {
            var left = Max(TimeSpan.Zero, end - Now);
            var wait = idle is { } i && Settings.Dilated(i) < left ? Settings.Dilated(i) : left;
            if (TryReceiveOne(wait) is not { } received) break;
            if (filter(received.Message) is not { } value)
            {
                PutBack(received);
                break;
            }

            collected.Add(value);
        }

        return collected;
    }

    /// <summary>Expects the <see cref="Terminated"/> of <paramref name="target"/>, which must be watched.</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null) =>
        ExpectMsg<Terminated>(t => t.ActorRef.Equals(target), timeout, $"Terminated of {target.Path}");

    /// <summary>Runs <paramref name="action"/>, which must finish within <paramref name="max"/>; expectations inside use the time left.</summary>
    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, () =>
    {
        action();
        return true;
    });

    public T Within<T>(TimeSpan max, Func<T> action) => Within(TimeSpan.Zero, max, action);

    /// <summary>Like <see cref="Within(TimeSpan, Action)"/>, and the block must also take at least <paramref name="min"/>.</summary>
    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> action)
    {
        var dilatedMax = Settings.Dilated(max);
        var start = Now;
        var outer = _deadline;
        var end = start + dilatedMax;
        _deadline = outer is { } o && o < end ? o : end;
        try
        {
            var result = action();
            var took = Now - start;
            if (took > dilatedMax) throw Fail($"Within: the block took {Ms(took)}, more than the allowed {Ms(dilatedMax)}.");
            if (took < min) throw Fail($"Within: the block took {Ms(took)}, less than the required {Ms(min)}.");
            return result;
        }
        finally
        {
            _deadline = outer;
        }
    }

    /// <summary>Retries <paramref name="assertion"/> until it stops throwing or the time is up (then its last failure is thrown).</summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        var end = Now + RemainingOrDilated(duration);
        var pause = interval ?? DefaultPollInterval;
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (Now < end)
            {
                // Polling is the point here: the condition is outside any actor we could be told by.
                Thread.Sleep(pause);
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails with <paramref name="message"/> when it does not in time.</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null)
    {
        var wait = RemainingOrDilated(max);
        var end = Now + wait;
        var pause = interval ?? DefaultPollInterval;
        while (!condition())
        {
            if (Now >= end) throw Fail($"AwaitCondition: {(message ?? "the condition")} did not hold within {Ms(wait)}.");
            Thread.Sleep(pause);
        }
    }

    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(10);

    private string Describe(ReceivedMessage received)
    {
        var when = received.At <= _waitStarted
            ? "already waiting when the expectation began"
            : $"after {Ms(received.At - _waitStarted)}";
        return $"{Show(received.Message)} from {received.Sender.Path} {when}";
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => $"{value} ({value.GetType().Name})",
    };

    private static TestKitAssertionException Fail(string message) => new(message);
}
