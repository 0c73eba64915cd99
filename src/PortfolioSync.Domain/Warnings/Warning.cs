namespace PortfolioSync.Domain.Warnings;

/// <summary>Something a user or accountant must look at. Never carries secrets.</summary>
/// <param name="Account">The account concerned, if any.</param>
/// <param name="EntryId">The ledger entry (or raw record key) concerned, if any.</param>
public sealed record Warning(WarningCode Code, Severity Severity, string? Account, string? EntryId, string Message);
