using System.Diagnostics;

namespace PortfolioSync.Store.Tests;

/// <summary>The CrashProbe program (tests/PortfolioSync.Store.CrashProbe) running as a child process.</summary>
public sealed class ProbeProcess : IDisposable
{
    private readonly Process _process;

    private ProbeProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ProbeProcess Start(params string[] args)
    {
        var folder = AppContext.BaseDirectory;
        var apphost = Path.Combine(folder, "PortfolioSync.Store.CrashProbe");
        var info = File.Exists(apphost) ? new ProcessStartInfo(apphost) : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(folder, "PortfolioSync.Store.CrashProbe.dll") } };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.RedirectStandardOutput = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        return new ProbeProcess(Process.Start(info)!);
    }

    /// <summary>The next line of output, or null at its end (or after 30 s).</summary>
    public string? ReadLine()
    {
        var task = _process.StandardOutput.ReadLineAsync();
        return task.Wait(TimeSpan.FromSeconds(30)) ? task.Result : throw new TimeoutException("the probe printed nothing for 30 s");
    }

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Lets a probe started with "step" begin its next page.</summary>
    public void Go()
    {
        _process.StandardInput.WriteLine("go");
        _process.StandardInput.Flush();
    }

    /// <summary>SIGKILL on Unix: no finally blocks, no flush, no dispose.</summary>
    public void Kill()
    {
        try { _process.Kill(); }
        catch (InvalidOperationException) { }   // already exited
        _process.WaitForExit();
    }

    public int WaitForExit()
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30))) throw new TimeoutException("the probe did not exit");
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
