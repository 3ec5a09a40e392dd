namespace ActorEcho.TestKit; internal static class Placeholder {}
