using LiteDB;

namespace PortfolioSync.Store.Tests;

/// <summary>Schema 6: a ledger or raw document changed in place (a damaged byte) fails its checksum wherever it is read.</summary>
public sealed class ChecksumTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_ledger_body_changed_in_place_stops_the_ledger_read_as_damage_naming_the_file_and_verify_lists_it()
    {
        using var store = _temp.Open();
        store.StartRun();
        store.CommitPage(Records.Page([1L, 2, 3]));
        var ledger = store.Database.GetCollection("ledger");
        var doc = ledger.FindById("bitstamp:main:2");
        var body = doc["e"].AsBinary;
        body[^3] ^= 0x01;   // one bit of a quantity
        doc["e"] = body;
        ledger.Update(doc);

        var read = () => store.ReadLedger();
        read.Should().Throw<StoreException>().Where(e => e.Failure == StoreFailure.Damaged)
            .WithMessage($"the store {_temp.FilePath} is damaged: ledger entry 'bitstamp:main:2'*checksum does not match*Recovery*");
        store.Verify().Should().ContainSingle(p => p.Kind == StoreProblemKind.Unreadable)
            .Which.Message.Should().Contain("checksum");
    }

    [Fact]
    public void A_raw_record_changed_in_place_fails_when_read_and_verify_lists_it_a_ledger_document_without_checksum_too()
    {
        using var store = _temp.Open();
        store.StartRun();
        store.CommitPage(Records.Page([1L, 2]));
        var raw = store.Database.GetCollection("raw");
        var doc = raw.FindAll().First();
        doc["json"] = doc["json"].AsString.Replace('1', '7');
        raw.Update(doc);
        var ledger = store.Database.GetCollection("ledger");
        var entry = ledger.FindById("bitstamp:main:2");
        entry.Remove("c");
        ledger.Update(entry);

        var get = () => store.GetRaw(doc["_id"].AsString);
        get.Should().Throw<FormatException>().WithMessage("*checksum does not match*");
        var problems = store.Verify();
        problems.Should().Contain(p => p.Kind == StoreProblemKind.Unreadable && p.Key == "raw/" + doc["_id"].AsString);
        problems.Should().Contain(p => p.Kind == StoreProblemKind.Unreadable && p.Message.Contains("no checksum"));
    }
}
