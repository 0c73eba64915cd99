namespace PortfolioSync.Cli.Hosting;

/// <summary>Reading an option's text with a parser of the Domain's text forms.</summary>
public static class OptionText
{
    /// <summary>Parses <paramref name="text"/>; a <see cref="FormatException"/> becomes a usage error <c>--option: message</c>.</summary>
    /// <exception cref="CliException">The text does not parse (exit 2).</exception>
    public static T Parse<T>(string option, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (FormatException e)
        {
            throw new CliException($"{option}: {e.Message}");
        }
    }

    /// <summary>An account name as the store keeps it (1-64 characters, no '/', '#' or control characters).</summary>
    /// <exception cref="CliException">Not a valid name (exit 2).</exception>
    public static string AccountName(string option, string name)
    {
        try
        {
            return Store.RawKey.Name(name, option);
        }
        catch (ArgumentException)
        {
            throw new CliException($"{option} '{name}' is not a valid account name (1-64 characters, no '/', '#' or control characters)");
        }
    }
}
