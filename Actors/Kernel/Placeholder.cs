namespace ActorEcho.Kernel; internal static class Placeholder {}
