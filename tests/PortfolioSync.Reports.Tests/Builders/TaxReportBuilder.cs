using NodaTime;
using PortfolioSync.Domain;
using CostBasisMethod = PortfolioSync.Domain.CostBasis.CostBasisMethod;
using PoolScope = PortfolioSync.Domain.CostBasis.PoolScope;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Reports.Model;
using MatchRule = PortfolioSync.Domain.CostBasis.MatchRule;

namespace PortfolioSync.Reports.Tests.Builders;

/// <summary>Builds a <see cref="TaxReport"/> from short text values. Defaults: UK 2024-25, method uk, GBP.</summary>
internal sealed class TaxReportBuilder
{
    private ReportContext _context = Context(Jurisdiction.Uk, 2024);
    private readonly List<DisposalRow> _disposals = [];
    private readonly List<IncomeRow> _income = [];
    private readonly List<HoldingRow> _holdings = [];
    private readonly List<TransactionRow> _transactions = [];
    private readonly List<WarningRow> _warnings = [];
    private ValueReport? _value;

    public static ReportContext Context(Jurisdiction jurisdiction, int year) => jurisdiction.Name switch
    {
        "uk" => new ReportContext(new TaxYear(year, TaxYearRule.Uk), jurisdiction, CostBasisMethod.Uk, PoolScope.Universal, Asset.Gbp,
            "Europe/London", "test ledger"),
        "us" => new ReportContext(new TaxYear(year, TaxYearRule.Calendar), jurisdiction, CostBasisMethod.Fifo, PoolScope.PerAccount, Asset.Usd,
            "America/New_York", "test ledger"),
        _ => new ReportContext(new TaxYear(year, TaxYearRule.Calendar), jurisdiction, CostBasisMethod.Average, PoolScope.Universal, Asset.Eur,
            "UTC", "test ledger"),
    };

    public TaxReportBuilder For(Jurisdiction jurisdiction, int year)
    {
        _context = Context(jurisdiction, year);
        return this;
    }

    public TaxReportBuilder With(ReportContext context)
    {
        _context = context;
        return this;
    }

    public TaxReportBuilder Disposal(string id, string asset, string at, string quantity, string proceeds, string cost,
        string fees = "0", string? acquired = null, MatchRule rule = MatchRule.Pool, HoldingTerm? term = null,
        string account = "main", string? lot = null)
    {
        _disposals.Add(new DisposalRow(id, account, Asset.Parse(asset), Parse.At(at), Parse.Dec(quantity), Parse.Dec(proceeds),
            Parse.Dec(cost), Parse.Dec(fees), Parse.MaybeAt(acquired), lot, rule, term));
        return this;
    }

    public TaxReportBuilder Income(string at, string asset, string quantity, string? value, IncomeKind kind = IncomeKind.Staking,
        string account = "main", string? entryId = null)
    {
        _income.Add(new IncomeRow(Parse.At(at), account, Asset.Parse(asset), Parse.Dec(quantity), Parse.MaybeDec(value), kind,
            entryId ?? $"bitstamp:{account}:{_income.Count + 9000}"));
        return this;
    }

    public TaxReportBuilder Holding(string pool, string asset, string quantity, string cost, string? price)
    {
        _holdings.Add(new HoldingRow(pool, Asset.Parse(asset), Parse.Dec(quantity), Parse.Dec(cost), Parse.MaybeDec(price)));
        return this;
    }

    /// <summary>A ledger entry; <paramref name="legs"/> like <c>"+0.5 BTC", "-10000 GBP"</c>, fee like <c>"12.5 GBP"</c>.</summary>
    public TaxReportBuilder Entry(long externalId, string at, EntryKind kind, string[] legs, string? fee = null,
        string account = "main", long? orderId = null, decimal?[]? legValues = null, decimal? feeValue = null)
    {
        var entry = new LedgerEntry(LedgerEntry.BitstampId(account, externalId), account, Parse.At(at), kind,
            legs.Select(l => { var m = Money.Parse(l.TrimStart('+')); return new Leg(m.Asset, m.Amount); }).ToList(),
            fee is null ? null : Money.Parse(fee), externalId, orderId, $"{account}/user_transactions/{externalId}");
        _transactions.AddRange(TransactionRow.FromEntry(entry, legValues, feeValue));
        return this;
    }

    public TaxReportBuilder Warning(WarningCode code, string message, Severity severity = Severity.Warning,
        string? account = null, string? entryId = null)
    {
        _warnings.Add(WarningRow.From(new Warning(code, severity, account, entryId, message)));
        return this;
    }

    public TaxReportBuilder Value(ValueReport value)
    {
        _value = value;
        return this;
    }

    public TaxReport Build() => new(_context, _disposals, _income, _holdings, _transactions, _warnings, _value);

    /// <summary>
    /// Same rows, handed over in reverse order (the report must sort them itself), except that the lots of one
    /// disposal keep their matching order, which the report preserves.
    /// </summary>
    public TaxReport BuildReversed()
    {
        var transactions = _transactions.AsEnumerable().Reverse().ToList();
        var disposals = _disposals.GroupBy(d => d.DisposalId).Reverse().SelectMany(g => g).ToList();
        return new TaxReport(_context, disposals, Enumerable.Reverse(_income).ToList(),
            Enumerable.Reverse(_holdings).ToList(), transactions, Enumerable.Reverse(_warnings).ToList(), _value);
    }
}
