using System.CommandLine;
using System.Text;
using PortfolioSync.Cli.Hosting;

namespace PortfolioSync.Cli.Commands;

/// <summary>
/// <c>completion bash|zsh|fish|powershell</c>: prints a completion script for the shell, made from the program's own
/// command tree (commands, subcommands, options), so it never lags behind the commands. README: Install.
/// </summary>
public sealed class CompletionCommand : CliCommand<CompletionSettings>
{
    private readonly Argument<string> _shell = new("SHELL") { Description = "bash, zsh, fish or powershell" };

    public CompletionCommand()
    {
        _shell.AcceptOnlyFromAmong("bash", "zsh", "fish", "powershell");
        Definition = new Command("completion", "Print a shell completion script: bash, zsh, fish or powershell (README: Install)");
        Definition.Arguments.Add(_shell);
    }

    public override Command Definition { get; }

    public override Bound<CompletionSettings> Bind(ParseResult parse, CliEnvironment env)
    {
        var b = new OptionBinder(parse);
        var shell = b.Value(_shell)!;
        var root = b.Root;
        return b.Result(() => new CompletionSettings(shell, root));
    }

    public override Task<ExitCode> RunAsync(CompletionSettings settings, CommandContext context, CancellationToken ct)
    {
        var root = settings.Root;
        var commands = root.Subcommands
            .Select(c => (c.Name, Description: c.Description ?? "",
                Words: c.Subcommands.Select(s => s.Name).Concat(c.Subcommands.SelectMany(Options)).Concat(Options(c)).Concat(Options(root)).Distinct().ToList()))
            .ToList();
        var rootWords = commands.Select(c => c.Name).Concat(Options(root)).ToList();
        var text = settings.Shell switch
        {
            "bash" => Bash(commands, rootWords),
            "zsh" => Zsh(commands, rootWords),
            "fish" => Fish(root, commands),
            _ => PowerShell(commands, rootWords),
        };
        context.Env.Out.Write(text);
        return Task.FromResult(ExitCode.Ok);
    }

    private static IEnumerable<string> Options(Command c) =>
        c.Options.Where(o => !o.Hidden).Select(o => o.Name).Where(n => n.StartsWith("--", StringComparison.Ordinal));

    private static string Bash(List<(string Name, string Description, List<string> Words)> commands, List<string> rootWords)
    {
        var s = new StringBuilder();
        s.Append("# bash completion for portfoliosync: source <(portfoliosync completion bash), or save it in\n");
        s.Append("# ~/.local/share/bash-completion/completions/portfoliosync\n");
        s.Append("_portfoliosync() {\n  local cur=\"${COMP_WORDS[COMP_CWORD]}\" words\n");
        s.Append("  if [ \"$COMP_CWORD\" -le 1 ]; then\n    words=\"").AppendJoin(' ', rootWords).Append("\"\n  else\n    case \"${COMP_WORDS[1]}\" in\n");
        foreach (var c in commands) s.Append("      ").Append(c.Name).Append(") words=\"").AppendJoin(' ', c.Words).Append("\" ;;\n");
        s.Append("      *) words=\"\" ;;\n    esac\n  fi\n");
        s.Append("  COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n}\ncomplete -o default -F _portfoliosync portfoliosync\n");
        return s.ToString();
    }

    private static string Zsh(List<(string Name, string Description, List<string> Words)> commands, List<string> rootWords)
    {
        var s = new StringBuilder();
        s.Append("#compdef portfoliosync\n# zsh completion for portfoliosync: save as _portfoliosync in a folder of $fpath, or eval \"$(portfoliosync completion zsh)\"\n");
        s.Append("_portfoliosync() {\n  local -a candidates\n  if (( CURRENT == 2 )); then\n    candidates=(").AppendJoin(' ', rootWords).Append(")\n  else\n    case $words[2] in\n");
        foreach (var c in commands) s.Append("      ").Append(c.Name).Append(") candidates=(").AppendJoin(' ', c.Words).Append(") ;;\n");
        s.Append("    esac\n  fi\n  compadd -- $candidates\n  _files\n}\ncompdef _portfoliosync portfoliosync\n");
        return s.ToString();
    }

    private static string Fish(Command root, List<(string Name, string Description, List<string> Words)> commands)
    {
        var s = new StringBuilder();
        s.Append("# fish completion for portfoliosync: portfoliosync completion fish > ~/.config/fish/completions/portfoliosync.fish\n");
        foreach (var c in commands)
            s.Append("complete -c portfoliosync -f -n __fish_use_subcommand -a ").Append(c.Name).Append(" -d '").Append(Quote(c.Description)).Append("'\n");
        foreach (var o in Options(root)) s.Append("complete -c portfoliosync -l ").Append(o[2..]).Append('\n');
        foreach (var c in commands)
            foreach (var w in c.Words.Where(w => !Options(root).Contains(w)))
                s.Append("complete -c portfoliosync -n '__fish_seen_subcommand_from ").Append(c.Name).Append("' ")
                    .Append(w.StartsWith("--", StringComparison.Ordinal) ? "-l " + w[2..] : "-f -a " + w).Append('\n');
        return s.ToString();
    }

    private static string PowerShell(List<(string Name, string Description, List<string> Words)> commands, List<string> rootWords)
    {
        var s = new StringBuilder();
        s.Append("# PowerShell completion for portfoliosync: portfoliosync completion powershell | Out-String | Invoke-Expression (add it to $PROFILE)\n");
        s.Append("Register-ArgumentCompleter -Native -CommandName portfoliosync, portfoliosync.exe -ScriptBlock {\n");
        s.Append("  param($wordToComplete, $commandAst, $cursorPosition)\n");
        s.Append("  $words = @($commandAst.CommandElements | ForEach-Object { $_.ToString() })\n");
        s.Append("  $byCommand = @{\n");
        foreach (var c in commands) s.Append("    '").Append(c.Name).Append("' = @(").AppendJoin(", ", c.Words.Select(w => $"'{w}'")).Append(")\n");
        s.Append("  }\n");
        s.Append("  if ($words.Count -lt 2 -or ($words.Count -eq 2 -and $wordToComplete)) { $candidates = @(").AppendJoin(", ", rootWords.Select(w => $"'{w}'")).Append(") }\n");
        s.Append("  else { $candidates = $byCommand[$words[1]] }\n");
        s.Append("  $candidates | Where-Object { $_ -like \"$wordToComplete*\" } | ForEach-Object { [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_) }\n}\n");
        return s.ToString();
    }

    private static string Quote(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
}

/// <summary>The options of <c>completion</c>: the shell (bash, zsh, fish or powershell; the parser refuses others) and
/// the command tree the script completes.</summary>
public sealed record CompletionSettings(string Shell, Command Root);
