using System.Runtime.InteropServices;
using PortfolioSync.Cli;
using PortfolioSync.Cli.Hosting;

// The composition root. The wall clock and the real environment enter the program here and nowhere else.
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cts.Cancel();
});
return await CliApp.RunAsync(args, CliEnvironment.FromProcess(), cts.Token);
