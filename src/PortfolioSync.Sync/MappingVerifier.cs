using System.Globalization;
using PortfolioSync.Bitstamp.Csv;
using PortfolioSync.Bitstamp.Json;
using PortfolioSync.Bitstamp.Mapping;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Store;

namespace PortfolioSync.Sync;

/// <summary>
/// The part of <c>verify</c> the store cannot do alone: every current raw record that has a ledger entry is mapped
/// again, by the mapper of its stream, and compared field by field with the stored entry. API records
/// (<c>user_transactions</c>) go through <see cref="LedgerMapper"/>, imported CSV rows (<c>csv:&lt;file&gt;</c>) through
/// <see cref="BitstampCsvReader.ReadStored"/> and <see cref="CsvLedgerMapper"/>. Read only; one account at a time.
/// </summary>
public static class MappingVerifier
{
    /// <returns>One <see cref="StoreProblemKind.Remap"/> problem per record that maps differently or cannot be read
    /// again, and the number of records checked.</returns>
    public static (IReadOnlyList<StoreProblem> Problems, long Checked) Verify(PortfolioStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var problems = new List<StoreProblem>();
        long checkedCount = 0;
        foreach (var account in store.CountRecords().GroupBy(c => c.Account, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Dictionary<string, LedgerEntry>? ledger = null;
            foreach (var count in account.OrderBy(c => c.Stream, StringComparer.Ordinal))
            {
                var isCsv = count.Stream.StartsWith(CsvLedgerMapper.StreamPrefix, StringComparison.Ordinal);
                if (!isCsv && count.Stream != LedgerMapper.Stream) continue;
                ledger ??= store.ReadLedger(account.Key).ToDictionary(e => e.Id, StringComparer.Ordinal);
                foreach (var raw in store.ReadRaw(account.Key, count.Stream))
                {
                    if (raw.EntryId is null) continue;   // detail or flagged records map to nothing: the store's own check covers them
                    checkedCount++;
                    string? problem;
                    try
                    {
                        var entry = isCsv
                            ? CsvLedgerMapper.Map(account.Key, count.Stream, BitstampCsvReader.ReadStored(raw.Key, raw.Json), raw.ExternalId).Entry
                            : UserTransactionParser.Parse(raw.Json).Value is { } value ? LedgerMapper.Map(account.Key, value).Entry : null;
                        problem = entry is null ? "the raw record cannot be parsed any more"
                            : !ledger.TryGetValue(raw.EntryId, out var stored) ? null   // a missing entry is the store check's MissingEntry
                            : Difference(entry, stored);
                    }
                    catch (CsvImportException e)
                    {
                        problem = e.Column is null ? $"the stored row cannot be read again: {e.Problem}" : $"the stored row cannot be read again: column '{e.Column}': {e.Problem}";
                    }
                    if (problem is not null) problems.Add(new StoreProblem(StoreProblemKind.Remap, raw.Key, problem));
                }
            }
        }
        return (problems, checkedCount);
    }

    /// <summary>Null when equal; else the first field that differs, both values shown.</summary>
    private static string? Difference(LedgerEntry mapped, LedgerEntry stored)
    {
        if (mapped.Equals(stored)) return null;
        string Legs(LedgerEntry e) => string.Join(" ", e.Legs.Select(l => l.ToString()));
        var (field, now, then) =
            mapped.Id != stored.Id ? ("id", mapped.Id, stored.Id)
            : mapped.At != stored.At ? ("time", mapped.At.ToString(), stored.At.ToString())
            : mapped.Kind != stored.Kind ? ("kind", mapped.Kind.ToString(), stored.Kind.ToString())
            : !mapped.Legs.SequenceEqual(stored.Legs) ? ("legs", Legs(mapped), Legs(stored))
            : mapped.Fee != stored.Fee ? ("fee", mapped.Fee?.ToString() ?? "none", stored.Fee?.ToString() ?? "none")
            : mapped.OrderId != stored.OrderId ? ("order id", mapped.OrderId?.ToString(CultureInfo.InvariantCulture) ?? "none", stored.OrderId?.ToString(CultureInfo.InvariantCulture) ?? "none")
            : mapped.Quote != stored.Quote ? ("quote", mapped.Quote?.ToString() ?? "none", stored.Quote?.ToString() ?? "none")
            : ("source", $"{mapped.SourceKey} #{mapped.ExternalId}", $"{stored.SourceKey} #{stored.ExternalId}");
        return $"its ledger entry {stored.Id} differs from the record mapped again: {field} is '{then}' in the ledger, '{now}' from the record";
    }
}
