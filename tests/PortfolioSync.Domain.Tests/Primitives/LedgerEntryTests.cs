using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;

namespace PortfolioSync.Domain.Tests.Primitives;

public sealed class LedgerEntryTests
{
    private static LedgerEntry Entry(long externalId, Instant at, string account = "main") => new(
        LedgerEntry.BitstampId(account, externalId), account, at, EntryKind.Trade,
        [new Leg(Asset.Btc, 0.5m), new Leg(Asset.Usd, -10000m)], new Money(20m, Asset.Usd), externalId, 7, $"{account}/user_transactions/{externalId}");

    [Fact]
    public void The_net_change_of_an_asset_is_its_legs_minus_its_fee()
    {
        var entry = Entry(1, Instant.FromUtc(2024, 1, 1, 0, 0));

        entry.NetChange(Asset.Usd).Should().Be(-10020m);
        entry.NetChange(Asset.Btc).Should().Be(0.5m);
    }

    [Fact]
    public void A_negative_fee_is_refused()
    {
        var act = () => new LedgerEntry("x", "main", Instant.MinValue, EntryKind.Fee, [], new Money(-1m, Asset.Usd), 1, null, "k");

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*fee*");
    }

    [Fact]
    public void The_order_is_instant_then_external_id_then_entry_id()
    {
        var t = Instant.FromUtc(2024, 1, 1, 12, 0);
        var a = Entry(5, t, "main");
        var b = Entry(5, t, "dca-bot");   // same instant and id on two accounts: the entry id decides
        var c = Entry(4, t);
        var d = Entry(1, t + Duration.FromTicks(10));

        LedgerOrder.Sort([d, a, b, c]).Should().Equal(c, b, a, d);
    }

    [Fact]
    public void Entries_with_equal_content_are_equal()
    {
        var t = Instant.FromUtc(2024, 1, 1, 12, 0);

        Entry(3, t).Should().Be(Entry(3, t));
        Entry(3, t).Id.Should().Be("bitstamp:main:3");
    }
}
