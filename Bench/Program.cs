using ActorEcho.Bench.Config;
using ActorEcho.Bench.Kernel;

// Bench entry point: `dotnet run -c Release --project Bench -- <mode>`.
var mode = args.Length > 0 ? args[0] : "";
switch (mode)
{
    case "kernel":
        KernelBench.Run(Console.Out);
        return 0;
    case "config":
        ConfigParseBench.Run(Console.Out);
        return 0;
    default:
        Console.Error.WriteLine("usage: Bench kernel | config");
        return 2;
}
