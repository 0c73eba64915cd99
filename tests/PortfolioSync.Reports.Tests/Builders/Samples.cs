using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Reports.Model;
using MatchRule = PortfolioSync.Domain.CostBasis.MatchRule;

namespace PortfolioSync.Reports.Tests.Builders;

/// <summary>The reports behind the golden files. Change them only together with the golden files.</summary>
internal static class Samples
{
    public static IReadOnlyList<string> Names { get; } = ["uk-2024-25", "us-2024", "empty-uk-2023-24"];

    public static TaxReport ByName(string name) => name switch
    {
        "uk-2024-25" => Uk().Build(),
        "us-2024" => Us().Build(),
        "empty-uk-2023-24" => new TaxReportBuilder().For(Jurisdiction.Uk, 2023).Build(),
        _ => throw new ArgumentException(name, nameof(name)),
    };

    /// <summary>
    /// UK 2024-25: a BTC disposal matched same-day, bed-and-breakfast and pool (three rows), an ETH loss, a tiny BTC
    /// sale, three SOL sales whose rounded rows add up to more than their rounded total, income with and without a
    /// price, holdings with and without a price, a ledger of trades, a deposit, an unknown record, staking and a
    /// withdrawal, and warnings whose text needs CSV quoting.
    /// </summary>
    public static TaxReportBuilder Uk() => new TaxReportBuilder()
        .Disposal("disposal:main:201", "BTC", "2024-05-10T14:03:07.25Z", "0.1", "4200.123", "4150.50", "1.0",
            acquired: "2024-05-10T09:00:00Z", rule: MatchRule.SameDay, lot: "lot:main:101")
        .Disposal("disposal:main:201", "BTC", "2024-05-10T14:03:07.25Z", "0.15", "6300.1845", "6450", "1.5",
            acquired: "2024-05-28T10:00:00Z", rule: MatchRule.BedAndBreakfast, lot: "lot:main:130")
        .Disposal("disposal:main:201", "BTC", "2024-05-10T14:03:07.25Z", "0.5", "21000.615", "12345.678901", "5.00")
        .Disposal("disposal:main:250", "ETH", "2024-08-01T08:00:00Z", "2", "4000", "5200.4", "3.2")
        .Disposal("disposal:dca-bot:310", "BTC", "2025-01-15T23:59:59.999999999Z", "0.00012345", "10.005", "7.004999",
            account: "dca-bot")
        .Disposal("disposal:main:401", "SOL", "2024-09-02T10:00:00Z", "1", "1.335", "1")
        .Disposal("disposal:main:402", "SOL", "2024-09-03T10:00:00Z", "1", "1.335", "1")
        .Disposal("disposal:main:403", "SOL", "2024-09-04T10:00:00Z", "1", "1.335", "1")
        .Income("2024-07-01T00:00:00.123456Z", "ETH", "0.0123", "30.135", IncomeKind.Staking, entryId: "bitstamp:main:104")
        .Income("2024-11-30T18:00:00Z", "BTC", "0.0001", null, IncomeKind.Referral, entryId: "bitstamp:main:190")
        .Holding("universal", "BTC", "1.2", "30000.5", "75000.125")
        .Holding("universal", "ETH", "3", "6000", null)
        .Holding("external", "BTC", "0.1", "2500", "75000.125")
        .Entry(101, "2024-05-10T09:00:00Z", EntryKind.Trade, ["+0.1 BTC", "-4150 GBP"], fee: "0.5 GBP", orderId: 555001,
            legValues: [4150m, -4150m], feeValue: 0.5m)
        .Entry(102, "2024-06-01T12:00:00Z", EntryKind.Deposit, ["+1 ETH"])
        .Entry(103, "2024-06-02T12:00:00Z", EntryKind.Unknown, [])
        .Entry(104, "2024-07-01T00:00:00.123456Z", EntryKind.StakingReward, ["+0.0123 ETH"], legValues: [30.135m])
        .Entry(105, "2024-08-20T16:30:00Z", EntryKind.Withdrawal, ["-0.1 BTC"], fee: "0.0005 BTC")
        .Entry(7, "2024-05-10T09:00:00Z", EntryKind.Trade, ["+0.00012345 BTC", "-7.004999 GBP"], account: "dca-bot", orderId: 9)
        .Warning(WarningCode.MissingCostBasis, "Deposit of 1 ETH, \"from outside\" has no cost basis;\nzero cost used",
            account: "main", entryId: "bitstamp:main:102")
        .Warning(WarningCode.Reconciliation, "Exchange says 1.1 BTC, ledger says 1.2 BTC", Severity.Error, account: "main")
        .Warning(WarningCode.UnknownRecord, "Record type 99 kept raw", Severity.Info, account: "main", entryId: "bitstamp:main:103");

    /// <summary>
    /// US 2024 (America/New_York): a short-term and a long-term lot of one sale at 03:30 UTC on 1 March, which is
    /// 29 February in New York, and a long-term ETH sale with no fees.
    /// </summary>
    public static TaxReportBuilder Us() => new TaxReportBuilder().For(Jurisdiction.Us, 2024)
        .Disposal("disposal:main:900", "BTC", "2024-03-01T03:30:00Z", "0.4", "24000", "11000.25", "12", acquired: "2023-03-01T15:00:00Z",
            rule: MatchRule.Fifo, term: HoldingTerm.Short, lot: "lot:main:800")
        .Disposal("disposal:main:900", "BTC", "2024-03-01T03:30:00Z", "0.1", "6000", "1500", "3", acquired: "2022-01-10T15:00:00Z",
            rule: MatchRule.Fifo, term: HoldingTerm.Long, lot: "lot:main:700")
        .Disposal("disposal:main:950", "ETH", "2024-12-31T23:00:00Z", "1.5", "5000.5", "2500.25", acquired: "2021-06-01T00:00:00Z",
            rule: MatchRule.Fifo, term: HoldingTerm.Long, lot: "lot:main:600")
        .Holding("main", "BTC", "0.25", "7000", "93000.5")
        .Entry(900, "2024-03-01T03:30:00Z", EntryKind.Trade, ["-0.5 BTC", "+30000 USD"], fee: "15 USD", orderId: 77,
            legValues: [-30000m, 30000m], feeValue: 15m);

    /// <summary>
    /// Fifteen months of daily values in GBP: BTC bought daily by a DCA bot and held in main, ETH, SOL and a small
    /// ADA position, with prices that drift and wave (deterministic, no randomness).
    /// </summary>
    public static ValueReport Value() => new ValueReportBuilder()
        .Series("main", "BTC", "2024-01-01", 456, 0.35m, 0m, 33000m, 0.0016m, 0.12m)
        .Series("dca-bot", "BTC", "2024-01-01", 456, 0.01m, 0.0004m, 33000m, 0.0016m, 0.12m)
        .Series("main", "ETH", "2024-01-01", 456, 4m, 0m, 1800m, 0.0008m, 0.18m)
        .Series("main", "SOL", "2024-01-01", 456, 40m, 0.05m, 80m, 0.0012m, 0.25m)
        .Series("main", "ADA", "2024-01-01", 456, 2500m, 0m, 0.45m, 0.0005m, 0.2m)
        .AtEnd("21500.5", "27123.45")
        .Build();
}
