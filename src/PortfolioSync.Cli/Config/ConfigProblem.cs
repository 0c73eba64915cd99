using System.Globalization;

namespace PortfolioSync.Cli.Config;

/// <summary>One thing wrong with a config file, located by JSON path and, where known, line and column (1-based).</summary>
public sealed record ConfigProblem(string JsonPath, string Message, long? Line = null, long? Column = null)
{
    public string Format(string file)
    {
        var where = Line is { } l
            ? string.Create(CultureInfo.InvariantCulture, $"{file}:{l}:{Column ?? 1}")
            : file;
        return JsonPath.Length == 0 ? $"{where}: {Message}" : $"{where}: {JsonPath}: {Message}";
    }
}

/// <summary>Every problem of a config file at once.</summary>
public sealed class ConfigException(string file, IReadOnlyList<ConfigProblem> problems)
    : Exception(problems.Count == 1
        ? problems[0].Format(file)
        : $"{file} has {problems.Count.ToString(CultureInfo.InvariantCulture)} problems:\n  " + string.Join("\n  ", problems.Select(p => p.Format(file))))
{
    public string File { get; } = file;
    public IReadOnlyList<ConfigProblem> Problems { get; } = problems;
}
