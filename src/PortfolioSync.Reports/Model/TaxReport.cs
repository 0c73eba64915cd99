using NodaTime;
using NodaTime.Text;
using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Reports.Model;

/// <summary>
/// Everything the tax report files of one tax year show, already computed and unrounded. The constructor puts the
/// rows in their documented order and derives the summary, the jurisdiction extras, the notes and the warnings the
/// report itself raises (unknown market values, a year without data). Disposals, income and transactions must fall
/// in the tax year (their date in the report's zone); a row outside it is refused. Immutable.
/// </summary>
public sealed class TaxReport
{
    /// <param name="value">The value series to add as a Value sheet and <c>value.csv</c>/<c>value.png</c>; optional.</param>
    public TaxReport(
        ReportContext context,
        IEnumerable<DisposalRow>? disposals = null,
        IEnumerable<IncomeRow>? income = null,
        IEnumerable<HoldingRow>? holdings = null,
        IEnumerable<TransactionRow>? transactions = null,
        IEnumerable<WarningRow>? warnings = null,
        ValueReport? value = null,
        IEnumerable<DerivativeRow>? derivatives = null,
        IEnumerable<AllocationRow>? allocations = null)
    {
        Context = context ?? throw new ArgumentNullException(nameof(context));
        // disposed_at, disposal_id, then the order the engine matched the lots in (OrderBy is stable).
        Disposals = (disposals ?? []).OrderBy(d => d.DisposedAt).ThenBy(d => d.DisposalId, StringComparer.Ordinal).ToList();
        Income = (income ?? []).OrderBy(i => i.ReceivedAt).ThenBy(i => i.Account, StringComparer.Ordinal)
            .ThenBy(i => i.EntryId, StringComparer.Ordinal).ThenBy(i => i.Asset).ToList();
        Holdings = (holdings ?? []).OrderBy(h => h.Pool, StringComparer.Ordinal).ThenBy(h => h.Asset).ToList();
        // The ledger's total order (at, external id, entry id), then leg number.
        Transactions = (transactions ?? []).OrderBy(t => t.At).ThenBy(t => t.ExternalId)
            .ThenBy(t => t.EntryId, StringComparer.Ordinal).ThenBy(t => t.Leg ?? 0).ToList();
        Value = value;
        CheckInYear(Disposals.Select(d => ("disposal " + d.DisposalId, d.DisposedAt)));
        CheckInYear(Income.Select(i => ("income " + i.EntryId, i.ReceivedAt)));
        CheckInYear(Transactions.Select(t => ("entry " + t.EntryId, t.At)));

        Summary = SummaryRow.PerAsset(Disposals);
        Total = SummaryRow.Total(Summary);
        Derivatives = (derivatives ?? []).OrderBy(d => d.At).ThenBy(d => d.EntryId, StringComparer.Ordinal).ThenBy(d => d.Asset).ToList();
        Allocations = (allocations ?? []).ToList();
        CheckInYear(Derivatives.Select(d => ("derivatives settlement " + d.EntryId, d.At)));
        Sa108 = context.Jurisdiction == Jurisdiction.Uk ? Sa108For(context, Disposals, Total) : null;
        var zone = context.Zone;
        Form8949 = context.Jurisdiction == Jurisdiction.Us
            ? Disposals.Select(d => Form8949Row.From(d, zone))
                .Select((row, index) => (row, index))
                .OrderBy(x => x.row.Term is null ? 2 : (int)x.row.Term)   // Part I (short), Part II (long), unknown
                .ThenBy(x => x.index)
                .Select(x => x.row).ToList()
            : null;
        IsEmpty = Disposals.Count == 0 && Income.Count == 0 && Transactions.Count == 0;
        Warnings = WarningRow.Sort((warnings ?? []).Concat(OwnWarnings()).Concat(value?.Warnings ?? []).Distinct());
        Notes = BuildNotes();
    }

    public ReportContext Context { get; }

    /// <summary>The folder and file label (<c>2024-25</c>, <c>2024</c>).</summary>
    public string Label => Context.Label;

    /// <summary>Ordered by <c>disposed_at</c>, <c>disposal_id</c>, then in the order the lots were matched.</summary>
    public IReadOnlyList<DisposalRow> Disposals { get; }

    /// <summary>Ordered by <c>received_at</c>, <c>account</c>, <c>entry_id</c>, <c>asset</c>.</summary>
    public IReadOnlyList<IncomeRow> Income { get; }

    /// <summary>Ordered by <c>pool</c>, then <c>asset</c> (ordinal).</summary>
    public IReadOnlyList<HoldingRow> Holdings { get; }

    /// <summary>Ordered as the ledger (<c>at</c>, external id, <c>entry_id</c>), then by leg.</summary>
    public IReadOnlyList<TransactionRow> Transactions { get; }

    /// <summary>Given warnings plus the report's own and the value series' (duplicates once), ordered by severity (errors first), code, account, entry, message.</summary>
    public IReadOnlyList<WarningRow> Warnings { get; }

    /// <summary>One row per asset disposed of, ordered by asset code.</summary>
    public IReadOnlyList<SummaryRow> Summary { get; }

    /// <summary>The totals of <see cref="Summary"/> (sums of unrounded values).</summary>
    public SummaryRow Total { get; }

    /// <summary>UK reports only: the year row (with the annual exempt amount and reporting threshold).</summary>
    public Sa108Summary? Sa108 { get; }

    /// <summary>UK 2024-25 only: the disposals before and from 30 October 2024 (empty otherwise).</summary>
    public IReadOnlyList<Sa108Summary> Sa108Periods { get; private set; } = [];

    /// <summary>Derivatives settlements of the year, ordered by time, entry and asset.</summary>
    public IReadOnlyList<DerivativeRow> Derivatives { get; }

    /// <summary>Scope <c>per-account-from</c>: the lot allocation, when its date falls in this year.</summary>
    public IReadOnlyList<AllocationRow> Allocations { get; }

    private Sa108Summary Sa108For(ReportContext context, IReadOnlyList<DisposalRow> disposals, SummaryRow total)
    {
        var uk = UkCapitalGainsYear.For(context.TaxYear.StartYear);
        if (uk.RateChange is { } change)
        {
            var zone = context.Zone;
            var before = disposals.Where(d => d.DisposedAt.InZone(zone).Date < change).ToList();
            var from = disposals.Where(d => d.DisposedAt.InZone(zone).Date >= change).ToList();
            Sa108Periods =
            [
                Sa108Summary.From(context.Label, SummaryRow.Total(SummaryRow.PerAsset(before))) with { Period = "before " + Iso(change) },
                Sa108Summary.From(context.Label, SummaryRow.Total(SummaryRow.PerAsset(from))) with { Period = "from " + Iso(change) },
            ];
        }
        return Sa108Summary.From(context.Label, total) with
        {
            AnnualExemptAmount = uk.AnnualExemptAmount,
            ReportingThreshold = uk.ReportingThreshold,
        };
    }

    /// <summary>US reports only: short-term rows, then long-term, then unknown, each in disposal order.</summary>
    public IReadOnlyList<Form8949Row>? Form8949 { get; }

    public ValueReport? Value { get; }

    /// <summary>The country files (de, nl, es, fr); null for other jurisdictions. Set once by the builder.</summary>
    public Country.CountryReport? Country { get; internal set; }

    /// <summary>True when the year has no disposals, income or transactions.</summary>
    public bool IsEmpty { get; }

    /// <summary>Disposals of the year whose proceeds, cost or fees are unknown (their fields and every total that
    /// includes them are empty). A report with any is incomplete: <c>report</c> exits with code 6.</summary>
    public int IncompleteDisposals => Total.Incomplete;

    /// <summary>Plain sentences for the notes block: year, method, currency, zone, rounding and sign rules.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Every dated row must fall in the tax year, taking its date in the report's zone.</summary>
    /// <exception cref="ArgumentException">Names the first row outside the year and its date.</exception>
    private void CheckInYear(IEnumerable<(string What, Instant At)> rows)
    {
        var zone = Context.Zone;
        var interval = Context.TaxYear.InZone(zone);
        foreach (var (what, at) in rows)
            if (!interval.Contains(at))
                throw new ArgumentException(
                    $"{what} at {InstantPattern.ExtendedIso.Format(at)} is on {Iso(at.InZone(zone).Date)} in {Context.ZoneId}, "
                    + $"outside tax year {Label} ({Iso(Context.TaxYear.Start)} to {Iso(Context.TaxYear.End)})");
    }

    private IEnumerable<WarningRow> OwnWarnings()
    {
        if (IsEmpty)
            yield return new WarningRow(WarningRow.NoDataCode, Severity.Info, null, null,
                $"No disposals, income or transactions in tax year {Label} ({Iso(Context.TaxYear.Start)} to "
                + $"{Iso(Context.TaxYear.End)} in {Context.ZoneId}): the report files contain headers only.");
        if (Total.Incomplete > 0)
            yield return new WarningRow("incomplete-disposals", Severity.Error, null, null,
                $"{Total.Incomplete} disposal(s) in tax year {Label} lack proceeds, cost or fees (no {Context.BaseCurrency.Code} price, "
                + "or more sold than held): their fields and every total that includes them are left empty; see the note "
                + "column of disposals.csv and the missing-price and negative-balance warnings.");
        foreach (var h in Holdings.Where(h => h.Price is null))
            yield return new WarningRow("missing-price", Severity.Warning, null, null,
                $"No {Context.BaseCurrency.Code} price for {h.Asset.Code} at the end of tax year {Label}: market_value and "
                + $"unrealized_gain of {DecimalText.Format(h.Quantity)} {h.Asset.Code} in pool {h.Pool} are left empty.");
        foreach (var i in Income.Where(i => i.Value is null))
            yield return new WarningRow("missing-price", Severity.Warning, i.Account, i.EntryId,
                $"No {Context.BaseCurrency.Code} price for {i.Asset.Code} at {InstantPattern.ExtendedIso.Format(i.ReceivedAt)}: "
                + $"the value of income {DecimalText.Format(i.Quantity)} {i.Asset.Code} is left empty.") { At = i.ReceivedAt };
    }

    private List<string> BuildNotes()
    {
        var c = Context;
        var currency = c.BaseCurrency.Code;
        var notes = new List<string>
        {
            $"Tax year {Label}: {Iso(c.TaxYear.Start)} to {Iso(c.TaxYear.End)}; an event's day is its date in {c.ZoneId}.",
            $"Method {CostBasisMethodText.ToText(c.Method)}, pool scope {PoolScopeText.ToText(c.Scope)}, jurisdiction {c.Jurisdiction.ToText()}, base currency {currency}.",
            $"Money is in {currency}. Each amount is rounded to 2 decimals (half away from zero) when shown; a total is the "
            + "rounded sum of the unrounded values, so it can differ by a few cents from the sum of the rounded rows.",
            "gain = proceeds - cost - fees (negative for a loss); losses in the summary are positive amounts; net = gains - losses.",
            "Times are UTC (ISO 8601 in the CSV files); quantities are shown in full in the CSV files (8 decimals in the workbook).",
            "An empty cell means unknown (for example no price), never zero; a total that includes an unknown is empty too.",
        };
        if (Total.Incomplete > 0)
            notes.Add($"INCOMPLETE: {Total.Incomplete} disposal(s) lack proceeds, cost or fees (see the incomplete column and the "
                + "note column of the disposals): the totals that include them are empty until the missing prices or costs are supplied.");
        if (Disposals.Any(d => (d.CostFlags & Domain.CostBasis.CostFlags.ZeroCostDeposit) != 0))
            notes.Add("Disposals with note zero-cost-deposit were matched with coins that came in from outside with no known cost, "
                + "taken at zero cost: give their cost in manual-costs.csv, or the gains are overstated.");
        if (c.GeneratedFrom.Length > 0) notes.Add($"Generated from: {c.GeneratedFrom}.");
        if (IsEmpty) notes.Add("No disposals, income or transactions in this tax year: the tables are empty.");
        return notes;
    }

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
