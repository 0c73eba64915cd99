using System.Diagnostics.CodeAnalysis;

namespace PortfolioSync.Cli.Secrets;

/// <summary>Where a secret comes from: an environment variable, a password-manager command, or an owner-only file.</summary>
public enum SecretSource
{
    Env,
    Command,
    File,
}

/// <summary>
/// A reference to a secret (<c>env:NAME</c>, <c>command:CMD</c>, <c>file:PATH</c>), never the secret itself.
/// Printing it shows where the secret lives, which is safe.
/// </summary>
public sealed record SecretReference(SecretSource Source, string Target)
{
    public const string Help = "use env:NAME (an environment variable), command:CMD (e.g. command:pass show bitstamp/main) or file:PATH (a file only you can read, chmod 600)";

    /// <summary>True when <paramref name="text"/> starts with one of the reference prefixes.</summary>
    public static bool LooksLikeReference(string text) =>
        text.StartsWith("env:", StringComparison.Ordinal) || text.StartsWith("command:", StringComparison.Ordinal)
        || text.StartsWith("file:", StringComparison.Ordinal);

    /// <summary>Parses a reference; <paramref name="problem"/> explains a failure without repeating the text.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SecretReference? reference, [NotNullWhen(false)] out string? problem)
    {
        reference = null;
        if (text.StartsWith("env:", StringComparison.Ordinal))
        {
            var name = text[4..];
            if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                problem = "env: must be followed by a variable name of letters, digits and _ (e.g. env:BITSTAMP_MAIN_SECRET)";
                return false;
            }
            reference = new SecretReference(SecretSource.Env, name);
        }
        else if (text.StartsWith("command:", StringComparison.Ordinal))
        {
            var command = text[8..].Trim();
            if (!CommandLineSplitter.TrySplit(command, out var argv, out var splitProblem) || argv.Count == 0)
            {
                problem = $"command: {splitProblem ?? "is empty"} (e.g. command:pass show bitstamp/main)";
                return false;
            }
            reference = new SecretReference(SecretSource.Command, command);
        }
        else if (text.StartsWith("file:", StringComparison.Ordinal))
        {
            var path = text[5..].Trim();
            if (path.Length == 0)
            {
                problem = "file: must be followed by a path (e.g. file:~/.config/portfoliosync/main.secret)";
                return false;
            }
            reference = new SecretReference(SecretSource.File, path);
        }
        else
        {
            problem = "is not a secret reference";
            return false;
        }
        problem = null;
        return true;
    }

    public override string ToString() => Source switch
    {
        SecretSource.Env => "env:" + Target,
        SecretSource.Command => "command:" + Target,
        _ => "file:" + Target,
    };
}
