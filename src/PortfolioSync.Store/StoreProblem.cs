namespace PortfolioSync.Store;

/// <summary>One integrity problem: what, and the key or id concerned.</summary>
public sealed record StoreProblem(StoreProblemKind Kind, string Key, string Message)
{
    public override string ToString() => $"{Kind}: {Key}: {Message}";
}
