using System.Runtime.InteropServices;
using PortfolioSync.Cli;
using PortfolioSync.Cli.Hosting;

// The composition root. The wall clock and the real environment enter the program here and nowhere else.

// `--version` alone answers before anything else is built (the command tree, the environment, signal handlers): a
// script asks it often and it must start fast (docs/benchmarks.md, "Installed program").
if (args is ["--version"])
{
    Console.Out.WriteLine(CliApp.VersionLine);
    return 0;
}

using var cts = new CancellationTokenSource();
var env = CliEnvironment.FromProcess();

// Ctrl-C and SIGTERM cancel the command, which stops cleanly at its next step. A command stuck where it cannot be
// cancelled (waiting for a store that a hung process holds) is ended after a grace period, and a second signal ends it
// at once: a command always answers.
var signals = 0;
void Stop(int code)
{
    if (Interlocked.Increment(ref signals) > 1)
    {
        env.Error.WriteLine("stopped at once (second signal).");
        Environment.Exit(code);
    }
    cts.Cancel();
    _ = Task.Run(async () =>
    {
        await Task.Delay(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        env.Error.WriteLine("stopped: the command did not end within 5 s of the signal (it was waiting for the store); " +
            "what was committed is kept and the next run resumes from there.");
        Environment.Exit(code);
    });
}
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    Stop(130);
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    Stop(143);
});
return await CliApp.RunAsync(args, env, cts.Token);
