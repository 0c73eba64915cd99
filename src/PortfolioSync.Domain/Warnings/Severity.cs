namespace PortfolioSync.Domain.Warnings;

public enum Severity
{
    Info,
    Warning,
    Error,
}
