using System.CommandLine;
using PortfolioSync.Cli.Config;
using PortfolioSync.Cli.Hosting;

namespace PortfolioSync.Cli.Commands;

/// <summary><c>init</c>: writes the commented config template; refuses to overwrite without --force.</summary>
public sealed class InitCommand : CliCommand<InitSettings>
{
    private readonly Option<bool> _force = new("--force") { Description = "Overwrite an existing config file" };

    public InitCommand()
    {
        Definition = new Command("init", "Write a commented config template (never a secret) to --config or the default path");
        Definition.Options.Add(_force);
    }

    public override Command Definition { get; }

    public override Bound<InitSettings> Bind(ParseResult parse, CliEnvironment env)
    {
        var b = new OptionBinder(parse);
        var force = b.Value(_force);
        return b.Result(() => new InitSettings(force));
    }

    public override Task<ExitCode> RunAsync(InitSettings settings, CommandContext context, CancellationToken ct)
    {
        var path = context.ConfigPath;
        if (File.Exists(path) && !settings.Force)
            throw new CliException($"{path} already exists; not overwritten. Edit it, or run again with --force to replace it with the template.");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var template = ConfigTemplate.Render(ConfigPaths.DefaultStore(context.Env));
        var temp = path + ".tmp";
        File.WriteAllText(temp, template);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);
        if (!context.Quiet)
        {
            context.Env.Out.WriteLine($"wrote {path}");
            context.Env.Out.WriteLine("Next: edit the accounts, put each key and secret where its reference points, then run 'portfoliosync status'.");
        }
        return Task.FromResult(ExitCode.Ok);
    }
}

/// <summary>The options of <c>init</c>: whether an existing config file may be replaced.</summary>
public sealed record InitSettings(bool Force);
