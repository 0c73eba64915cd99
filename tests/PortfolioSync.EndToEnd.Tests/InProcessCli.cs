using PortfolioSync.Cli;
using PortfolioSync.Cli.Hosting;

namespace PortfolioSync.EndToEnd.Tests;

/// <summary>
/// Runs the program in this test process (<see cref="CliApp.RunAsync"/>, what the real entry point calls) with
/// <paramref name="folder"/> as working and home folder, the system clock, no terminal, and its output captured.
/// </summary>
public static class InProcessCli
{
    public static async Task<(int Code, string Out, string Error)> RunAsync(string[] args, string folder,
        IReadOnlyDictionary<string, string>? variables = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var env = new CliEnvironment
        {
            Out = output, Error = error, Variables = variables ?? new Dictionary<string, string>(), WorkingDirectory = folder,
            HomeDirectory = folder, Time = TimeProvider.System, IsTerminal = false,
        };
        var code = await CliApp.RunAsync(args, env, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
