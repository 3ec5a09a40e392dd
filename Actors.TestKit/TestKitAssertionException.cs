using Xunit.Sdk;

namespace ActorEcho.TestKit;

/// <summary>A failed expectation: the message says what was expected, what arrived, and after how long.</summary>
public sealed class TestKitAssertionException(string message) : XunitException(message);
