using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Pricing;

namespace PortfolioSync.Benchmarks.Engine;

/// <summary>
/// A deterministic synthetic history (seeded <see cref="Random"/>): three subaccounts trading BTC, ETH and XRP against
/// USD, EUR and GBP over five years (2020–2024) — DCA buys, grid round trips, crypto swaps, deposits, withdrawals,
/// staking rewards and subaccount transfers — plus Bitstamp-style daily closes including <c>gbpusd</c> and <c>eurusd</c>.
/// Sells never exceed what the account holds, so the engine works on realistic, mostly matched data.
/// </summary>
internal sealed class SyntheticLedger
{
    public static readonly LocalDate First = new(2020, 1, 1);
    public static readonly LocalDate Last = new(2024, 12, 31);

    private static readonly string[] Accounts = ["main", "dca-bot", "grid-bot"];
    private static readonly Asset[] Coins = [Asset.Btc, Asset.Parse("ETH"), Asset.Parse("XRP")];
    private static readonly Asset[] Quotes = [Asset.Usd, Asset.Eur, Asset.Gbp];

    public required IReadOnlyList<LedgerEntry> Entries { get; init; }

    public required PriceBook Prices { get; init; }

    public static SyntheticLedger Generate(int count, int seed)
    {
        var random = new Random(seed);
        var days = Period.Between(First, Last, PeriodUnits.Days).Days + 1;
        var usd = new decimal[Coins.Length, days];
        var fx = new decimal[2, days];   // GBP/USD, EUR/USD
        var candles = new List<DailyPrice>();
        decimal[] level = [7000m, 130m, 0.2m];
        decimal[] fxLevel = [1.30m, 1.12m];
        for (var d = 0; d < days; d++)
        {
            var date = First.PlusDays(d);
            for (var c = 0; c < Coins.Length; c++)
            {
                level[c] = Math.Round(level[c] * (1m + (decimal)(random.NextDouble() - 0.495) * 0.06m), 8);
                usd[c, d] = level[c];
                candles.Add(Candle(Coins[c], Asset.Usd, date, level[c]));
            }
            for (var f = 0; f < 2; f++)
            {
                fxLevel[f] = Math.Round(fxLevel[f] * (1m + (decimal)(random.NextDouble() - 0.5) * 0.004m), 5);
                fx[f, d] = fxLevel[f];
                candles.Add(Candle(f == 0 ? Asset.Gbp : Asset.Eur, Asset.Usd, date, fxLevel[f]));
            }
        }

        var entries = new List<LedgerEntry>(count);
        var held = new decimal[Accounts.Length, Coins.Length];
        var start = First.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        var step = Duration.FromTicks((long)((Last.PlusDays(1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() - start).TotalTicks / count));
        long id = 1;
        for (var i = 0; i < count; i++)
        {
            var at = start + step * i;
            var d = (int)((long)(at - start).TotalTicks / NodaConstants.TicksPerDay);
            var a = random.Next(Accounts.Length);
            var c = random.Next(Coins.Length);
            var q = random.Next(Quotes.Length);
            var account = Accounts[a];
            var priceInQuote = q switch
            {
                0 => usd[c, d],
                1 => usd[c, d] / fx[1, d],
                _ => usd[c, d] / fx[0, d],
            };
            var roll = random.Next(100);
            var quantity = Math.Round(1000m / usd[c, d] * (decimal)(0.1 + random.NextDouble()), 8);
            if (quantity <= 0m) quantity = 0.00000001m;
            if (roll < 48)
            {
                var cost = Math.Round(quantity * priceInQuote, 2);
                entries.Add(Entry(id++, account, at, EntryKind.Trade, [new Leg(Coins[c], quantity), new Leg(Quotes[q], -cost)], new Money(Math.Round(cost * 0.002m, 2), Quotes[q])));
                held[a, c] += quantity;
            }
            else if (roll < 88)
            {
                var sell = Math.Min(quantity, held[a, c]);
                if (sell <= 0m) { i--; continue; }
                var proceeds = Math.Round(sell * priceInQuote, 2);
                entries.Add(Entry(id++, account, at, EntryKind.Trade, [new Leg(Coins[c], -sell), new Leg(Quotes[q], proceeds)], new Money(Math.Round(proceeds * 0.002m, 2), Quotes[q])));
                held[a, c] -= sell;
            }
            else if (roll < 91)
            {
                var other = (c + 1) % Coins.Length;
                var give = Math.Min(quantity, held[a, c]);
                if (give <= 0m) { i--; continue; }
                var get = Math.Round(give * usd[c, d] / usd[other, d], 8);
                entries.Add(Entry(id++, account, at, EntryKind.Trade, [new Leg(Coins[c], -give), new Leg(Coins[other], get)], null));
                held[a, c] -= give;
                held[a, other] += get;
            }
            else if (roll < 93)
            {
                entries.Add(Entry(id++, account, at, EntryKind.Deposit, [new Leg(Coins[c], quantity)], null));
                held[a, c] += quantity;
            }
            else if (roll < 94)
            {
                var out_ = Math.Min(quantity, held[a, c]);
                if (out_ <= 0m) { i--; continue; }
                entries.Add(Entry(id++, account, at, EntryKind.Withdrawal, [new Leg(Coins[c], -out_)], new Money(0.0001m, Coins[c])));
                held[a, c] -= out_ + 0.0001m;
            }
            else if (roll < 97)
            {
                var reward = Math.Round(quantity / 100m, 8) + 0.00000001m;
                entries.Add(Entry(id++, account, at, EntryKind.StakingReward, [new Leg(Coins[c], reward)], null));
                held[a, c] += reward;
            }
            else
            {
                var to = (a + 1) % Accounts.Length;
                var move = Math.Min(quantity, held[a, c]);
                if (move <= 0m || i + 1 >= count) { i--; continue; }
                entries.Add(Entry(id++, account, at, EntryKind.InternalTransfer, [new Leg(Coins[c], -move)], null));
                entries.Add(Entry(id++, Accounts[to], at, EntryKind.InternalTransfer, [new Leg(Coins[c], move)], null));
                held[a, c] -= move;
                held[to, c] += move;
                i++;
            }
        }
        return new SyntheticLedger { Entries = entries, Prices = new PriceBook(candles) };
    }

    private static DailyPrice Candle(Asset b, Asset q, LocalDate date, decimal close) => new(b, q, date, close, close, close, close);

    private static LedgerEntry Entry(long id, string account, Instant at, EntryKind kind, Leg[] legs, Money? fee) =>
        new(LedgerEntry.BitstampId(account, id), account, at, kind, legs, fee, id, kind == EntryKind.Trade ? id : null, $"{account}/user_transactions/{id}");
}
