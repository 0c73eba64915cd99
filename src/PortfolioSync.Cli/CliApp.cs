using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Reflection;
using PortfolioSync.Cli.Commands;
using PortfolioSync.Cli.Config;
using PortfolioSync.Cli.Hosting;
using PortfolioSync.Cli.Secrets;
using PortfolioSync.Store;

namespace PortfolioSync.Cli;

/// <summary>
/// The <c>portfoliosync</c> program, runnable in-process: parses, runs one command, and maps every failure to one
/// clear line and an exit code (DESIGN.md §7). The only broad catch of the program lives here.
/// </summary>
public static class CliApp
{
    /// <summary>The assembly's informational version, <c>VERSION+COMMIT</c> (the SDK appends the git commit at build).</summary>
    public static string InformationalVersion { get; } =
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static string Version { get; } = InformationalVersion.Split('+')[0];

    /// <summary>The git commit the program was built from, or null when the build had no git information.</summary>
    public static string? Commit { get; } = InformationalVersion.Split('+') is [_, var c, ..] && c.Length > 0 ? c : null;

    /// <summary>What <c>--version</c> prints: the version and the commit (12 hex digits), e.g. <c>0.1.0 (commit bc9e0c42f02c)</c>.</summary>
    public static string VersionLine => $"{Version} (commit {(Commit is { } c ? c[..Math.Min(12, c.Length)] : "unknown")})";

    public static async Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken ct)
    {
        var global = new GlobalOptions();
        // A plain command named like the program (a RootCommand would take the host's name, e.g. testhost, in usage lines).
        var root = new Command("portfoliosync", "PortfolioSync: a read-only portfolio and tax tool for Bitstamp accounts and subaccounts.");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption { Action = new PrintVersion(env) });
        global.AddTo(root);
        foreach (var command in Commands(env))
        {
            var cmd = command;
            // A command with subcommands (schedule print) runs its action through them.
            foreach (var target in cmd.Definition.Subcommands.Count > 0 ? cmd.Definition.Subcommands : [cmd.Definition])
                target.SetAction((parse, token) => RunCommandAsync(cmd, new CommandContext(parse, env, global), token));
            root.Subcommands.Add(cmd.Definition);
        }
        root.SetAction(parse =>
        {
            env.Error.WriteLine("portfoliosync: a command is required. Run 'portfoliosync --help' to see them.");
            return (int)ExitCode.Usage;
        });

        var result = root.Parse(args);
        if (result.Errors.Count > 0 && result.Action is not HelpAction)
        {
            foreach (var error in result.Errors) env.Error.WriteLine($"error: {error.Message}");
            env.Error.WriteLine($"Run 'portfoliosync{CommandPath(result.CommandResult, root)} --help' for usage.");
            return (int)ExitCode.Usage;
        }
        var invocation = new InvocationConfiguration { Output = env.Out, Error = env.Error, EnableDefaultExceptionHandler = false };
        return await result.InvokeAsync(invocation, ct).ConfigureAwait(false);
    }

    private static IEnumerable<CliCommand> Commands(CliEnvironment env) =>
    [
        new DemoCommand(),
        new InitCommand(),
        new CheckCommand(),
        new SyncCommand(),
        new ReportCommand(),
        new ValueCommand(),
        new DashboardCommand(),
        new StatusCommand(),
        new VerifyCommand(),
        new ImportCommand(),
        new FakeServerCliCommand(),
        new ScheduleCommand(),
        new CompletionCommand(),
        new ExportDataCommand(),
        new RepairCommand(),
    ];

    private sealed class PrintVersion(CliEnvironment env) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            env.Out.WriteLine(VersionLine);
            return 0;
        }
    }

    /// <summary>A store that cannot be used: damaged (exit 5), or a write that failed, read-only, newer schema (exit 1).</summary>
    internal static int StoreError(CliEnvironment env, StoreException e)
    {
        env.Error.WriteLine($"error: {e.Message}");
        return (int)(e.Failure == StoreFailure.Damaged ? ExitCode.StoreDamaged : ExitCode.Unexpected);
    }

    /// <summary>The words that name a command after the program's name, e.g. " import bitstamp-csv"; "" for the root.</summary>
    private static string CommandPath(CommandResult command, Command root)
    {
        var names = new List<string>();
        for (SymbolResult? r = command; r is CommandResult c && c.Command != root; r = r.Parent) names.Add(c.Command.Name);
        names.Reverse();
        return string.Concat(names.Select(n => " " + n));
    }

    private static async Task<int> RunCommandAsync(CliCommand command, CommandContext context, CancellationToken ct)
    {
        var env = context.Env;
        try
        {
            // The command line first, alone: every option problem at once, and then nothing else runs (no config,
            // secret or store I/O). Problems that need the config are the command's, after it loads it.
            var bound = command.BindCommand(context.Parse, env);
            if (bound.Problems.Count > 0)
            {
                foreach (var problem in bound.Problems) env.Error.WriteLine($"error: {problem}");
                return (int)ExitCode.Usage;
            }
            return (int)await bound.RunAsync(context, ct).ConfigureAwait(false);
        }
        catch (CliException e) when (e.InnerException is StoreException se)
        {
            return StoreError(env, se);
        }
        catch (CliException e)
        {
            env.Error.WriteLine($"error: {e.Message}");
            return (int)e.ExitCode;
        }
        catch (StoreException e)
        {
            return StoreError(env, e);
        }
        catch (ConfigException e)
        {
            env.Error.WriteLine($"error: {e.Message}");
            return (int)ExitCode.Usage;
        }
        catch (SecretUnavailableException e)
        {
            env.Error.WriteLine($"error: {e.Message}");
            return (int)ExitCode.Usage;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            env.Error.WriteLine("interrupted: stopped cleanly; what was committed is kept and the next run resumes from there.");
            return 130;
        }
        catch (Exception e)   // the one top-level handler: a store failure is named, anything else is a bug or the environment
        {
            if (env.StoreInUse is { } path && StoreFaults.Classify(path, e) is { } se)
            {
                if (context.Verbose) env.Error.WriteLine(e.ToString());
                return StoreError(env, se);
            }
            env.Error.WriteLine($"unexpected error: {e.GetType().Name}: {e.Message}");
            if (context.Verbose) env.Error.WriteLine(e.ToString());
            else env.Error.WriteLine("Run again with --verbose for details, and please report it.");
            return (int)ExitCode.Unexpected;
        }
    }
}
