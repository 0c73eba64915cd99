using System.Text;

namespace PortfolioSync.Cli.Secrets;

/// <summary>
/// Splits a <c>command:</c> reference into program and arguments the way a POSIX shell would for plain words,
/// 'single' and "double" quotes and backslash escapes — and nothing else: no variables, globs, pipes or
/// substitutions, because the command is run directly, never through a shell.
/// </summary>
public static class CommandLineSplitter
{
    public static bool TrySplit(string text, out IReadOnlyList<string> argv, out string? problem)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote == '\'')
            {
                if (c == '\'') quote = null; else current.Append(c);
            }
            else if (quote == '"')
            {
                if (c == '"') quote = null;
                else if (c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\') current.Append(text[++i]);
                else current.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (c == '\\')
            {
                if (i + 1 >= text.Length) { argv = []; problem = "ends with a lone backslash"; return false; }
                current.Append(text[++i]);
                inWord = true;
            }
            else if (c is '|' or '&' or ';' or '<' or '>' or '`' or '$' or '(' or ')')
            {
                argv = [];
                problem = $"contains '{c}': commands run without a shell, so pipes, redirections and substitutions are not available (wrap them in a script)";
                return false;
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }
        if (quote is not null) { argv = []; problem = $"has an unclosed {quote} quote"; return false; }
        if (inWord) words.Add(current.ToString());
        argv = words;
        problem = null;
        return true;
    }
}
