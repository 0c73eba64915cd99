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
        if (OperatingSystem.IsWindows())
        {
            if (WindowsFileAcl.OthersWhoCanRead(path) is { Count: > 0 } others)
                throw new SecretUnavailableException(account, field, r,
                    $"file '{path}' can be read by {string.Join(", ", others)}, not only by you; make it owner-only: icacls \"{path}\" /inheritance:r /grant:r \"%USERNAME%:R\"");
        }
        else
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
        // Both streams are read in bounded amounts: a command that prints without end is stopped at MaxOutputBytes,
        // and its error stream is drained and discarded (only its line count is kept).
        var stdout = new BoundedReader(process.StandardOutput.BaseStream, MaxOutputBytes);
        var stderr = new BoundedReader(process.StandardError.BaseStream, 0);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(env.SecretCommandTimeout);
        try
        {
            var exited = process.WaitForExitAsync(timeout.Token);
            await Task.WhenAny(exited, stdout.Completion).WaitAsync(timeout.Token).ConfigureAwait(false);
            if (stdout.Overflowed)
            {
                KillTree(process);
                throw new SecretUnavailableException(account, field, r,
                    $"the command printed more than {(MaxOutputBytes / 1024).ToString(CultureInfo.InvariantCulture)} KiB; a secret is one line (stopped it)");
            }
            await exited.ConfigureAwait(false);
            // The command has ended. A process it left behind may still hold the output open: what was printed is in
            // the pipe already, so wait for the end of the output briefly, then go on with what was read.
            await Task.WhenAny(Task.WhenAll(stdout.Completion, stderr.Completion), Task.Delay(OutputGrace, timeout.Token)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            KillTree(process);
            throw new SecretUnavailableException(account, field, r,
                $"the command did not finish within {env.SecretCommandTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s and was stopped with the processes it started (is it waiting for a password prompt?)");
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            throw;
        }
        if (stdout.Overflowed)
            throw new SecretUnavailableException(account, field, r,
                $"the command printed more than {(MaxOutputBytes / 1024).ToString(CultureInfo.InvariantCulture)} KiB; a secret is one line");
        var output = stdout.Text();
        var errorLines = stderr.Lines;
        if (process.ExitCode != 0)
            throw new SecretUnavailableException(account, field, r,
                $"the command exited with code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}"
                + (errorLines > 0 ? $" ({errorLines.ToString(CultureInfo.InvariantCulture)} line(s) on its stderr, not shown: run it yourself to see them)" : ""));
        // Password managers print the secret on the first line (pass: further lines are metadata).
        var first = output.Split('\n', 2)[0].Trim();
        if (first.Length == 0) throw new SecretUnavailableException(account, field, r, "the command printed nothing on its first line");
        return first;
    }

    /// <summary>The most a <c>command:</c> secret may print on its output.</summary>
    internal const int MaxOutputBytes = 64 * 1024;

    /// <summary>How long to wait for the end of the output once the command has exited.</summary>
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(1);

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
        catch (Win32Exception)
        {
            // exiting while we killed it
        }
    }

    /// <summary>
    /// Reads a stream to its end in the background, keeping at most <c>limit</c> bytes (0: keep nothing, count lines
    /// only). Past the limit it stops reading and says so. Never throws: a stream closed under it ends the read.
    /// </summary>
    private sealed class BoundedReader
    {
        private readonly MemoryStream _kept = new();
        private readonly int _limit;
        private int _lines;
        private volatile bool _overflowed;

        public BoundedReader(Stream stream, int limit)
        {
            _limit = limit;
            Completion = Task.Run(() => ReadAsync(stream));
        }

        public Task Completion { get; }

        public bool Overflowed => _overflowed;

        public int Lines => Volatile.Read(ref _lines);

        public string Text()
        {
            lock (_kept) return Encoding.UTF8.GetString(_kept.GetBuffer(), 0, (int)_kept.Length);
        }

        private async Task ReadAsync(Stream stream)
        {
            var buffer = new byte[8192];
            try
            {
                int n;
                while ((n = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
                {
                    Interlocked.Add(ref _lines, buffer.AsSpan(0, n).Count((byte)'\n'));
                    if (_limit == 0) continue;
                    lock (_kept)
                    {
                        if (_kept.Length + n > _limit)
                        {
                            _overflowed = true;
                            return;
                        }
                        _kept.Write(buffer, 0, n);
                    }
                }
            }
            catch (IOException)
            {
                // the pipe was closed under us (the process was disposed): the read ends
            }
            catch (ObjectDisposedException)
            {
                // same
            }
        }
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8);
}
