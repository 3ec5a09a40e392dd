using System.CommandLine;
using ActorEcho.Bench.Cli;

// Bench entry point: `dotnet run -c Release --project Bench -- <kernel|connmem|config|serve|load|compare> ...`.
// Signals are left to the commands (serve stops its server on SIGINT/SIGTERM itself).
return await BenchCommandLine.Build().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
