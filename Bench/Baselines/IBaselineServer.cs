namespace ActorEcho.Bench.Baselines;

/// <summary>A baseline server running in this process, listening on 127.0.0.1; disposing it stops it.</summary>
internal interface IBaselineServer : IAsyncDisposable
{
    /// <summary>The bound port: the real one when started with port 0.</summary>
    int Port { get; }
}
