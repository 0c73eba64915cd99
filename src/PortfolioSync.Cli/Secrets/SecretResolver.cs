using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using PortfolioSync.Bitstamp.Auth;
using PortfolioSync.Cli.Hosting;

namespace PortfolioSync.Cli.Secrets;

/// <summary>
/// Turns a <see cref="SecretReference"/> into a <see cref="Secret"/>. Every failure is a
/// <see cref="SecretUnavailableException"/> that names the account and the reference and says how to fix it;
/// no value read (or a command's output or error stream) ever appears in a message.
/// </summary>
public sealed class SecretResolver(CliEnvironment env)
{
    /// <summary>Owner-only file modes we accept: 0600 and 0400 (and 0700/0500 which are as private).</summary>
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public async Task<Secret> ResolveAsync(SecretReference reference, string account, string field, CancellationToken ct)
    {
        var text = reference.Source switch
        {
            SecretSource.Env => FromEnvironment(reference, account, field),
            SecretSource.File => FromFile(reference, account, field),
            _ => await FromCommandAsync(reference, account, field, ct).ConfigureAwait(false),
        };
        return Secret.FromString(text);
    }

    /// <summary>The file a <c>file:</c> reference points to, with <c>~</c> expanded.</summary>
    public string PathOf(SecretReference reference) => env.ExpandPath(reference.Target);

    private string FromEnvironment(SecretReference r, string account, string field) =>
        env.Variable(r.Target) ?? throw new SecretUnavailableException(account, field, r,
            $"environment variable {r.Target} is not set (export it in the environment that runs portfoliosync)");

    private string FromFile(SecretReference r, string account, string field)
    {
        var path = PathOf(r);
        if (!File.Exists(path))
            throw new SecretUnavailableException(account, field, r, $"file '{path}' does not exist");
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOther) != 0)
                throw new SecretUnavailableException(account, field, r,
                    $"file '{path}' has mode {Octal(mode)}, so other users can read it; make it owner-only: chmod 600 '{path}'");
            var owner = UnixFileOwner.OwnerOf(path);
            var me = UnixFileOwner.CurrentUser();
            if (owner is not null && me is not null && owner != me)
                throw new SecretUnavailableException(account, field, r,
                    $"file '{path}' belongs to uid {owner}, not to you (uid {me}); own it: chown {me} '{path}' and chmod 600 '{path}'");
        }
        string content;
        try
        {
            content = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (IOException e)
        {
            throw new SecretUnavailableException(account, field, r, $"file '{path}' cannot be read ({e.GetType().Name})");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SecretUnavailableException(account, field, r, $"file '{path}' cannot be read ({e.GetType().Name})");
        }
        var value = content.Trim();
        if (value.Length == 0) throw new SecretUnavailableException(account, field, r, $"file '{path}' is empty");
        if (value.Contains('\n', StringComparison.Ordinal))
            throw new SecretUnavailableException(account, field, r, $"file '{path}' holds more than one line; it must hold the value only");
        return value;
    }

    private async Task<string> FromCommandAsync(SecretReference r, string account, string field, CancellationToken ct)
    {
        if (!CommandLineSplitter.TrySplit(r.Target, out var argv, out var problem) || argv.Count == 0)
            throw new SecretUnavailableException(account, field, r, $"the command {problem ?? "is empty"}");
        var start = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,    // read and discarded: a password manager's errors may echo input
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = env.WorkingDirectory,
        };
        foreach (var arg in argv.Skip(1)) start.ArgumentList.Add(arg);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            throw new SecretUnavailableException(account, field, r, $"the program '{argv[0]}' was not found or cannot be run");
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(env.SecretCommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new SecretUnavailableException(account, field, r,
                $"the command did not finish within {env.SecretCommandTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (is it waiting for a password prompt?)");
        }
        var output = await stdout.ConfigureAwait(false);
        var errorLines = (await stderr.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        if (process.ExitCode != 0)
            throw new SecretUnavailableException(account, field, r,
                $"the command exited with code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}"
                + (errorLines > 0 ? $" ({errorLines.ToString(CultureInfo.InvariantCulture)} line(s) on its stderr, not shown: run it yourself to see them)" : ""));
        // Password managers print the secret on the first line (pass: further lines are metadata).
        var first = output.Split('\n', 2)[0].Trim();
        if (first.Length == 0) throw new SecretUnavailableException(account, field, r, "the command printed nothing on its first line");
        return first;
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8);
}
