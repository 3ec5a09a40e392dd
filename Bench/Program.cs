using ActorEcho.Bench.Kernel;

// Bench entry point: `dotnet run -c Release --project Bench -- <mode>`.
var mode = args.Length > 0 ? args[0] : "";
switch (mode)
{
    case "kernel":
        KernelBench.Run(Console.Out);
        return 0;
    default:
        Console.Error.WriteLine("usage: Bench kernel");
        return 2;
}
