using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Store.Bson;

namespace PortfolioSync.Store.Tests;

public sealed class FingerprintTests
{
    [Fact]
    public void Equal_entries_have_equal_fingerprints_and_every_field_changes_it()
    {
        var e = Records.Entry(5);
        LedgerBson.Fingerprint(e).Should().Be(LedgerBson.Fingerprint(Records.Entry(5)));

        var variants = new[]
        {
            e with { }, // same
        }.Concat(
        [
            new LedgerEntry(e.Id + "x", e.Account, e.At, e.Kind, e.Legs, e.Fee, e.ExternalId, e.OrderId, e.SourceKey),
            new LedgerEntry(e.Id, e.Account + "x", e.At, e.Kind, e.Legs, e.Fee, e.ExternalId, e.OrderId, e.SourceKey),
            new LedgerEntry(e.Id, e.Account, e.At + NodaTime.Duration.FromTicks(1), e.Kind, e.Legs, e.Fee, e.ExternalId, e.OrderId, e.SourceKey),
            new LedgerEntry(e.Id, e.Account, e.At, EntryKind.Fee, e.Legs, e.Fee, e.ExternalId, e.OrderId, e.SourceKey),
            new LedgerEntry(e.Id, e.Account, e.At, e.Kind, [e.Legs[0]], e.Fee, e.ExternalId, e.OrderId, e.SourceKey),
            new LedgerEntry(e.Id, e.Account, e.At, e.Kind, [new Leg(Asset.Btc, 0.50m), e.Legs[1]], e.Fee, e.ExternalId, e.OrderId, e.SourceKey),
            new LedgerEntry(e.Id, e.Account, e.At, e.Kind, e.Legs, null, e.ExternalId, e.OrderId, e.SourceKey),
            new LedgerEntry(e.Id, e.Account, e.At, e.Kind, e.Legs, new Money(2.5m, Asset.Eur), e.ExternalId, e.OrderId, e.SourceKey),
            new LedgerEntry(e.Id, e.Account, e.At, e.Kind, e.Legs, e.Fee, e.ExternalId + 1, e.OrderId, e.SourceKey),
            new LedgerEntry(e.Id, e.Account, e.At, e.Kind, e.Legs, e.Fee, e.ExternalId, null, e.SourceKey),
            new LedgerEntry(e.Id, e.Account, e.At, e.Kind, e.Legs, e.Fee, e.ExternalId, e.OrderId, e.SourceKey + "0"),
            e with { Quote = Asset.Usd },
            e with { Quote = Asset.Btc },
        ]).Select(LedgerBson.Fingerprint).ToList();

        variants.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void An_entry_without_a_quote_keeps_the_fingerprint_it_had_before_schema_8()
    {
        // Pinned values from before the quote existed: raw records of entries without one need no rewrite.
        LedgerBson.Fingerprint(Records.Entry(5)).Should().Be(Pinned5);
        LedgerBson.Fingerprint(Records.Entry(9, kind: EntryKind.Deposit)).Should().Be(Pinned9);
        LedgerBson.Fingerprint(Records.Entry(5) with { Quote = Asset.Usd }).Should().NotBe(Pinned5);
    }

    private const long Pinned5 = 6469644514074321867;
    private const long Pinned9 = -2457890841441014203;
}
