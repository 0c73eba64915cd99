using System.Globalization;
using PortfolioSync.Cli.Tests.Reporting;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.Store;

namespace PortfolioSync.Cli.Tests.Import;

public sealed class ImportCommandTests : IDisposable
{
    private const string OldHeader = "Type,Datetime,Account,Amount,Value,Rate,Fee,Sub Type";
    private const string RfcHeader = "ID,Account,Type,Subtype,Datetime,Amount,Amount currency,Value,Value currency,Rate,Rate currency,Fee,Fee currency,Order ID";
    private readonly CliRun _cli = new();

    /// <summary>The accounts these tests import into besides main, in the config by name alone (no key).</summary>
    private static readonly string[] ImportedAccounts = ["dca-bot", "grid-bot", "old-sub"];

    public void Dispose() => _cli.Dispose();

    private string StorePath => _cli.PathIn(ReportFixture.StoreRelative);

    private Task<CliResult> Import(string file, string account = "main", params string[] extra) =>
        _cli.RunAsync(["import", "bitstamp-csv", file, "--account", account, "--config", _cli.PathIn("config.json"), .. extra]);

    private (int Ledger, long Raw) Counts()
    {
        using var store = PortfolioStore.Open(StorePath, new StoreOptions { Time = TimeProvider.System });
        return (store.CountLedger(), store.CountRecords().Sum(c => c.Records));
    }

    [Fact]
    public async Task Importing_the_exports_of_a_synced_history_adds_nothing_and_a_second_import_adds_zero()
    {
        // Given the sample history synced (the API records, parsed and mapped as sync does) and its exports on disk
        SampleDataStore.WriteTo(StorePath);
        ReportFixture.Config(_cli, keyless: ImportedAccounts);
        var data = ServerData.Load(SampleDataStore.Folder());
        CsvExportWriter.Write(data, _cli.PathIn("exports"));
        var before = Counts();

        foreach (var folder in new[] { CsvExportWriter.Rfc4180Folder, CsvExportWriter.LegacyFolder })
        foreach (var account in data.Accounts)
        {
            var file = _cli.PathIn($"exports/{folder}/{account.Name}.csv");
            var rows = account.Transactions.Count;

            // When the overlapping export is imported, twice
            var first = await Import(file, account.Name);
            var second = await Import(file, account.Name);

            // Then every row is already present and nothing is added to the ledger
            first.ExitCode.Should().Be(0, first.All);
            first.Out.Should().Contain($"rows read {rows}, new 0, already present {rows}, ambiguous 0, unknown 0");
            second.ExitCode.Should().Be(0, second.All);
            second.Out.Should().Contain($"rows read {rows}, new 0, already present {rows}, ambiguous 0");
        }
        var after = Counts();
        after.Ledger.Should().Be(before.Ledger);
        after.Raw.Should().Be(before.Raw + 2 * data.RecordCount, "every row is kept raw under its csv stream");

        // And the store stays consistent
        var verify = await _cli.RunAsync("verify", "--config", _cli.PathIn("config.json"));
        verify.ExitCode.Should().Be(0, verify.All);
    }

    [Fact]
    public async Task An_account_the_config_does_not_name_is_refused_before_the_file_or_store_is_read()
    {
        // A mistyped --account would otherwise file the history under an account of its own, counted beside the real one
        ReportFixture.Config(_cli, keyless: ImportedAccounts);
        var file = _cli.Write("main.csv", OldHeader + "\n" + "Deposit,\"Jan. 27, 2022, 09:00 AM\",Main Account,2.00000000 ETH,,,,\n");

        var result = await Import(file, "mian");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Be($"error: --account: no account named 'mian' in {_cli.PathIn("config.json")}; the accounts are main, bot, dca-bot, grid-bot, old-sub. "
            + "For history of an account with no key (a closed subaccount), add { \"name\": \"mian\" } to the config's accounts first (docs/csv-import.md). Nothing was imported."
            + Environment.NewLine);
        File.Exists(StorePath).Should().BeFalse("the store is not even created");
    }

    [Fact]
    public async Task A_csv_only_account_is_imported_once_and_the_same_file_again_adds_nothing()
    {
        ReportFixture.Config(_cli, keyless: ImportedAccounts);
        var file = _cli.Write("old.csv", OldHeader + "\n" +
            "Market,\"Jan. 28, 2022, 12:31 AM\",Main Account,1.00000000 ETH,2214.01 EUR,2214.01 EUR,10.87005 EUR,Sell\n" +
            "Deposit,\"Jan. 27, 2022, 09:00 AM\",Main Account,2.00000000 ETH,,,,\n" +
            "Airdrop,\"Jan. 26, 2022, 09:00 AM\",Main Account,5.00000000 FLR,,,,\n");

        var first = await Import(file, "old-sub");
        var second = await Import(file, "old-sub");

        first.ExitCode.Should().Be(0, first.All);
        first.Out.Should().Contain("old export").And.Contain("csv:old.csv").And.Contain("rows read 3, new 3, already present 0, ambiguous 0, unknown 1");
        first.Error.Should().Contain("warning:").And.Contain("type 'Airdrop'");
        second.Out.Should().Contain("rows read 3, new 0, already present 3");
        Counts().Ledger.Should().Be(3);
    }

    [Fact]
    public async Task A_row_matching_two_stored_events_stops_the_import_unless_accepted_as_keep_or_skip()
    {
        // Given two identical synced buys in one minute and an export that has only one such row
        new TestStore()
            .Buy("main", "2024-05-01 12:00:10", "btc", "0.01000000", "usd", "600.00", "1.20")
            .Buy("main", "2024-05-01 12:00:40", "btc", "0.01000000", "usd", "600.00", "1.20")
            .WriteTo(StorePath);
        ReportFixture.Config(_cli, keyless: ImportedAccounts);
        var file = _cli.Write("old.csv", OldHeader + "\n" +
            "Market,\"May 1, 2024, 12:00 PM\",Main Account,0.01000000 BTC,600.00 USD,60000 USD,1.20 USD,Buy\n" +
            "Deposit,\"May 1, 2024, 11:00 AM\",Main Account,100.00 USD,,,,\n");
        var before = Counts();

        // When imported without a decision
        var refused = await Import(file);

        // Then it stops, lists the row and both candidates, and writes nothing
        refused.ExitCode.Should().Be(2, refused.All);
        refused.Error.Should().Contain("ambiguous: old.csv line 2").And.Contain("matches 2 stored entries")
            .And.Contain("--accept-ambiguous");
        Counts().Should().Be(before);

        // And skip treats it as present, keep adds it
        var skip = await Import(file, "main", "--accept-ambiguous", "skip");
        skip.ExitCode.Should().Be(0, skip.All);
        skip.Out.Should().Contain("rows read 2, new 1, already present 0, ambiguous 1 (skip)");
        Counts().Ledger.Should().Be(before.Ledger + 1);
        var keep = await Import(_cli.Write("again.csv", File.ReadAllText(file)), "main", "--accept-ambiguous", "keep");
        keep.ExitCode.Should().Be(0, keep.All);
        Counts().Ledger.Should().Be(before.Ledger + 2, "the ambiguous row is kept as a new event; the deposit matches the one imported before");
    }

    [Theory]
    [InlineData("Deposit,\"Jan. 32, 2022, 09:00 AM\",Main Account,2 ETH,,,,", "line 3, column 'Datetime'")]
    [InlineData("Deposit,\"Jan. 27, 2022, 09:00 AM\",Main Account,2,5 ETH,,,,", "line 3: has 9 cells")]
    [InlineData("Deposit,\"Jan. 27, 2022, 09:00 AM\",Main Account,two ETH,,,,", "line 3, column 'Amount'")]
    [InlineData("Deposit,\"Jan. 27, 2022, 09:00 AM\",Main Account,2 E$H,,,,", "line 3, column 'Amount'")]
    [InlineData("Market,\"Jan. 27, 2022, 09:00 AM\",Main Account,2 ETH,x EUR,,,Buy", "line 3, column 'Value'")]
    [InlineData("Market,\"Jan. 27, 2022, 09:00 AM\",Main Account,2 ETH,4000 EUR,,1.5,Buy", "line 3, column 'Fee'")]
    public async Task Bad_input_exits_2_naming_file_line_and_column_and_leaves_the_store_as_it_was(string badRow, string where)
    {
        new TestStore().Deposit("main", "2024-01-05 09:00:00", "gbp", "100.00").WriteTo(StorePath);
        ReportFixture.Config(_cli, keyless: ImportedAccounts);
        var file = _cli.Write("bad.csv", OldHeader + "\n" +
            "Deposit,\"Jan. 26, 2022, 09:00 AM\",Main Account,1 ETH,,,,\n" + badRow + "\n");
        var before = Counts();
        var storeBytes = File.ReadAllBytes(StorePath);

        var result = await Import(file);

        result.ExitCode.Should().Be(2, result.All);
        result.Error.Should().Contain("bad.csv: " + where).And.Contain("Nothing was imported");
        Counts().Should().Be(before);
        File.ReadAllBytes(StorePath).Should().Equal(storeBytes);
    }

    [Theory]
    [InlineData("270000002,Main,Deposit,,2024-02-30T10:00:00Z,1,BTC,,,,,,,", "line 3, column 'Datetime': '2024-02-30T10:00:00Z' is not a date")]
    [InlineData("270000002,Main,Deposit,,2024-02-03T10:00:00Z,1.5.0,BTC,,,,,,,", "line 3, column 'Amount': '1.5.0' is not an amount")]
    [InlineData("270000002,Main,Deposit,,2024-02-03T10:00:00Z,1.5,B@C,,,,,,,", "line 3, column 'Amount currency': 'B@C' is not a currency")]
    [InlineData("270000002,Main,Market,Sell,2024-02-03T10:00:00Z,-1,BTC,40000,USD,40000,USD,20,usd$,", "line 3, column 'Fee currency'")]
    public async Task A_bad_cell_of_the_rfc4180_export_exits_2_naming_file_line_and_column_and_leaves_the_store_as_it_was(string badRow, string where)
    {
        new TestStore().Deposit("main", "2024-01-05 09:00:00", "gbp", "100.00").WriteTo(StorePath);
        ReportFixture.Config(_cli, keyless: ImportedAccounts);
        var file = _cli.Write("main-2024.csv", RfcHeader + "\n270000001,Main,Deposit,,2024-01-01T00:00:00Z,1,BTC,,,,,,,\n" + badRow + "\n");
        var storeBytes = File.ReadAllBytes(StorePath);

        var result = await Import(file);

        result.ExitCode.Should().Be(2, result.All);
        result.Error.Should().Contain("main-2024.csv: " + where).And.Contain("Nothing was imported");
        File.ReadAllBytes(StorePath).Should().Equal(storeBytes);
    }

    [Fact]
    public async Task A_file_with_a_byte_order_mark_is_read_like_one_without()
    {
        ReportFixture.Config(_cli, keyless: ImportedAccounts);
        var body = RfcHeader + "\n270000001,Main,Deposit,,2024-01-01T00:00:00Z,1,BTC,,,,,,,\n";
        var file = _cli.PathIn("bom.csv");
        File.WriteAllText(file, body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.ReadAllBytes(file)[..3].Should().Equal(new byte[] { 0xEF, 0xBB, 0xBF });

        var result = await Import(file);

        result.ExitCode.Should().Be(0, result.All);
        result.Out.Should().Contain("RFC 4180 export").And.Contain("rows read 1, new 1, already present 0, ambiguous 0, unknown 0");
        using var store = PortfolioStore.Open(StorePath, new StoreOptions { Time = TimeProvider.System });
        store.GetEntry("bitstamp:main:270000001")!.Legs.Should().ContainSingle().Which.Quantity.Should().Be(1m);
    }

    [Fact]
    public async Task Verify_maps_imported_rows_again_and_names_one_whose_ledger_entry_differs()
    {
        // Given a CSV-only account imported from the old export
        ReportFixture.Config(_cli, keyless: ImportedAccounts);
        var file = _cli.Write("old.csv", OldHeader + "\n" +
            "Market,\"Jan. 28, 2022, 12:31 AM\",Main Account,1.00000000 ETH,2214.01 EUR,2214.01 EUR,10.87005 EUR,Sell\n" +
            "Deposit,\"Jan. 27, 2022, 09:00 AM\",Main Account,2.00000000 ETH,,,,\n");
        (await Import(file, "old-sub")).ExitCode.Should().Be(0);

        // When verify runs, then every imported row was mapped again and agrees
        var clean = await _cli.RunAsync("verify", "--config", _cli.PathIn("config.json"));
        clean.ExitCode.Should().Be(0, clean.All);
        clean.Out.Should().Contain("(2 mapped again, all equal)");

        // Given the deposit's ledger entry rewritten through the store as an older mapper might have left it (3 ETH)
        using (var store = PortfolioStore.Open(StorePath, new StoreOptions { Time = TimeProvider.System }))
        {
            var raw = store.ReadRaw("old-sub", "csv:old.csv").Single(r => r.Json.Contains("Deposit", StringComparison.Ordinal));
            var entry = store.GetEntry(raw.EntryId!)!;
            var wrong = new Domain.Ledger.LedgerEntry(entry.Id, entry.Account, entry.At, entry.Kind, [entry.Legs[0] with { Quantity = 3m }],
                entry.Fee, entry.ExternalId, entry.OrderId, entry.SourceKey);
            var run = store.StartRun();
            store.CommitPage(new PageCommit("old-sub", "csv:old.csv", run.Id, [new PageRecord(raw.ExternalId, raw.Json, wrong)]));
            store.FinishRun(run.Id, RunStatus.Succeeded, [], []);
        }

        // When verify runs again, then it names the record, the field and both values
        var dirty = await _cli.RunAsync("verify", "--config", _cli.PathIn("config.json"));
        dirty.ExitCode.Should().Be(1, dirty.All);
        dirty.Out.Should().Contain("Remap: old-sub/csv:old.csv/").And.Contain("legs is '+3 ETH' in the ledger, '+2 ETH' from the record");
    }

    [Fact]
    public async Task An_unknown_header_exits_2_naming_the_columns_expected()
    {
        ReportFixture.Config(_cli, keyless: ImportedAccounts);
        var result = await Import(_cli.Write("bank.csv", "Date,Amount\n2024-01-01,5\n"));

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("bank.csv: line 1").And.Contain("ID,Account,Type,Subtype,Datetime").And.Contain(OldHeader);
        File.Exists(StorePath).Should().BeFalse();
    }

    [Fact]
    public async Task The_old_export_gives_the_same_figures_as_the_api_within_minute_precision()
    {
        // Given the API store and a store built only from the old exports (times cut to the minute, no ids)
        using var csv = new CliRun();
        SampleDataStore.WriteTo(StorePath);
        ReportFixture.Config(_cli, keyless: ImportedAccounts);
        var data = ServerData.Load(SampleDataStore.Folder());
        CsvExportWriter.Write(data, csv.PathIn("exports"));
        ReportFixture.Config(csv, keyless: ImportedAccounts);
        foreach (var account in data.Accounts)
        {
            var r = await csv.RunAsync("import", "bitstamp-csv", csv.PathIn($"exports/legacy/{account.Name}.csv"), "--account", account.Name, "--config", csv.PathIn("config.json"));
            r.ExitCode.Should().Be(0, r.All);
        }
        SampleDataStore.WritePricesTo(csv.PathIn(ReportFixture.StoreRelative));

        // When both write the UK report of 2024-25
        foreach (var cli in new[] { _cli, csv })
        {
            var r = await cli.RunAsync("report", "--config", cli.PathIn("config.json"), "--year", "2024", "--method", "uk", "--format", "csv");
            r.ExitCode.Should().BeOneOf([0, 6], r.All);
        }

        // Then summary.csv is identical, and disposals.csv is too once times are cut to the minute and the ids
        // (the old export has none: its rows get their own) are set aside
        ReportFixture.Read(csv, "reports/2024-25/summary.csv").Should().Be(ReportFixture.Read(_cli, "reports/2024-25/summary.csv"));
        Normalised(csv).Should().Equal(Normalised(_cli));
    }

    // disposals.csv without disposal_id and lot_id, times cut to the minute, rows sorted.
    private static List<string> Normalised(CliRun cli)
    {
        var lines = ReportFixture.Lines(cli, "reports/2024-25/disposals.csv");
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        int[] drop = [Col("disposal_id"), Col("lot_id")];
        int[] times = [Col("disposed_at"), Col("acquired_at")];
        drop.Should().NotContain(-1);
        return lines.Skip(1).Select(l =>
        {
            var f = l.Split(',');
            foreach (var t in times)
                if (DateTimeOffset.TryParse(f[t], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
                    f[t] = at.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
            return string.Join(',', f.Where((_, i) => !drop.Contains(i)));
        }).Order(StringComparer.Ordinal).ToList();
    }
}
