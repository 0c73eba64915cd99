using System.CommandLine;

namespace PortfolioSync.Cli.Hosting;

/// <summary>
/// One <c>portfoliosync</c> command: its parser definition, and a binder that turns the command line into the command's
/// settings (or the list of every option problem) before anything else runs. Commands derive from
/// <see cref="CliCommand{TSettings}"/> (the binding is internal, so nothing else can).
/// </summary>
public abstract class CliCommand
{
    public abstract Command Definition { get; }

    /// <summary>
    /// Binds the command line alone (no config, secret or store I/O): every option problem, in option order, or the run
    /// with the bound settings. <see cref="CliApp"/> prints the problems (exit 2) and runs nothing when there is any.
    /// </summary>
    internal abstract BoundCommand BindCommand(ParseResult parse, CliEnvironment env);
}

/// <summary>
/// A command whose options bind into a typed <typeparamref name="TSettings"/> record (<see cref="Bind"/>), and whose run
/// receives that record: it never reads the parse result.
/// </summary>
public abstract class CliCommand<TSettings> : CliCommand where TSettings : class
{
    /// <summary>Checks every option and collects all problems (see <see cref="OptionBinder"/>); pure but for path expansion.</summary>
    public abstract Bound<TSettings> Bind(ParseResult parse, CliEnvironment env);

    /// <summary>Runs with settings that passed <see cref="Bind"/>. Problems that need the config are found here.</summary>
    public abstract Task<ExitCode> RunAsync(TSettings settings, CommandContext context, CancellationToken ct);

    internal sealed override BoundCommand BindCommand(ParseResult parse, CliEnvironment env)
    {
        var bound = Bind(parse, env);
        return bound.Settings is { } settings
            ? new BoundCommand([], (context, ct) => RunAsync(settings, context, ct))
            : new BoundCommand(bound.Problems, null);
    }
}

/// <summary>A command line bound: the option problems (none when it may run) and the run.</summary>
public sealed class BoundCommand(IReadOnlyList<string> problems, Func<CommandContext, CancellationToken, Task<ExitCode>>? run)
{
    /// <summary>One message per problem, <c>--option: what is wrong; what is accepted</c>, in option order.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;

    public Task<ExitCode> RunAsync(CommandContext context, CancellationToken ct) =>
        run is { } r && Problems.Count == 0 ? r(context, ct)
            : throw new InvalidOperationException("a command with option problems cannot run");
}

/// <summary>The result of a binder: the settings, or (never both) the problems that kept them from being built.</summary>
public sealed record Bound<TSettings>(TSettings? Settings, IReadOnlyList<string> Problems) where TSettings : class;

/// <summary>
/// Collects option problems instead of stopping at the first: each check that fails adds its message (the
/// <see cref="CliException"/> or <see cref="FormatException"/> text a command used to throw) and binding goes on with a
/// placeholder value, so one run names every bad option. The settings are built only when there is no problem.
/// </summary>
public sealed class OptionBinder(ParseResult parse)
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    /// <summary>The option's parsed value (its default when not given).</summary>
    public T? Value<T>(Option<T> option) => parse.GetValue(option);

    /// <summary>The argument's parsed value.</summary>
    public T? Value<T>(Argument<T> argument) => parse.GetValue(argument);

    /// <summary>The command the line named (a subcommand when there is one).</summary>
    public Command Command => parse.CommandResult.Command;

    /// <summary>The root command (for <c>completion</c>, which lists the whole tree).</summary>
    public Command Root => parse.RootCommandResult.Command;

    /// <summary>Runs <paramref name="read"/>; a <see cref="CliException"/> it throws becomes a problem and the result the placeholder.</summary>
    public T Check<T>(Func<T> read, T placeholder = default!)
    {
        try
        {
            return read();
        }
        catch (CliException e)
        {
            _problems.Add(e.Message);
            return placeholder;
        }
    }

    /// <summary>Parses <paramref name="text"/> with a parser that throws <see cref="FormatException"/>: <c>--option: message</c>.</summary>
    public T Parse<T>(string option, string text, Func<string, T> parser, T placeholder = default!) =>
        Check(() => OptionText.Parse(option, text, parser), placeholder);

    public void Problem(string message) => _problems.Add(message);

    /// <summary>The settings built by <paramref name="build"/>, or the problems (then <paramref name="build"/> is not called).</summary>
    public Bound<TSettings> Result<TSettings>(Func<TSettings> build) where TSettings : class =>
        _problems.Count > 0 ? new Bound<TSettings>(null, [.. _problems]) : new Bound<TSettings>(build(), []);
}
