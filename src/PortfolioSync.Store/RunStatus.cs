namespace PortfolioSync.Store;

public enum RunStatus
{
    /// <summary>Started and not finished (still running, or the process died).</summary>
    Running,
    Succeeded,
    /// <summary>Some accounts failed (exit code 3).</summary>
    Partial,
    Failed,
}
