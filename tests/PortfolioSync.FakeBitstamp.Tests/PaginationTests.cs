using System.Text;
using System.Text.Json;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Tests.Support;

namespace PortfolioSync.FakeBitstamp.Tests;

/// <summary>user_transactions/ pagination, one rule per test, against 3000 generated records (main has several hundred).</summary>
public sealed class PaginationTests : IAsyncLifetime
{
    private const string Path = "/api/v2/user_transactions/";
    private Harness h = null!;

    private static ServerData Data => TestData.Recent;

    private static AccountData Grid => Data.Account("grid-bot");

    public async Task InitializeAsync() => h = await Harness.StartAsync(Data);

    public async Task DisposeAsync() => await h.DisposeAsync();

    private static long[] Ids(JsonElement page) => page.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToArray();

    private static long[] AllIds => Grid.Transactions.Select(t => t.Id).ToArray();

    [Fact]
    public async Task Without_parameters_the_newest_100_records_come_newest_first()
    {
        var page = await h.JsonAsync(Grid, Path, "foo=bar");

        Ids(page).Should().Equal(AllIds.Reverse().Take(100));
    }

    [Fact]
    public async Task Offset_skips_records_in_the_chosen_order()
    {
        var desc = await h.JsonAsync(Grid, Path, "offset=250&limit=10");
        var asc = await h.JsonAsync(Grid, Path, "offset=250&limit=10&sort=asc");

        Ids(desc).Should().Equal(AllIds.Reverse().Skip(250).Take(10));
        Ids(asc).Should().Equal(AllIds.Skip(250).Take(10));
    }

    [Fact]
    public async Task A_limit_of_1000_is_allowed_and_1001_is_refused_as_limit_too_large()
    {
        var full = await h.JsonAsync(Grid, Path, "limit=1000&sort=asc");
        using var tooLarge = await h.PostAsync(Grid, Path, "limit=1001");

        Ids(full).Should().Equal(AllIds.Take(1000));
        (await Harness.ErrorOf(tooLarge)).Should().BeEquivalentTo(new { Status = 400, State = "error", Reason = "Limit too large", Code = "400.011" });
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=")]
    [InlineData("limit=ten")]
    [InlineData("limit=-5")]
    public async Task A_limit_that_is_not_a_number_from_1_is_refused_as_invalid_limit(string body)
    {
        using var response = await h.PostAsync(Grid, Path, body);

        (await Harness.ErrorOf(response)).Should().BeEquivalentTo(new { Status = 400, Reason = "Invalid limit", Code = "400.011" });
    }

    [Theory]
    [InlineData("offset=")]
    [InlineData("offset=200001")]
    [InlineData("offset=-1")]
    [InlineData("offset=1.5")]
    public async Task An_offset_that_is_not_a_number_from_0_to_200000_is_refused_as_invalid_offset(string body)
    {
        using var response = await h.PostAsync(Grid, Path, body);

        var error = await Harness.ErrorOf(response);
        error.Should().BeEquivalentTo(new { Status = 400, Reason = "Invalid offset.", Code = "400.010" });
        error.Body.Should().Contain("\"response_code\":\"400.010\"");
    }

    [Fact]
    public async Task Offset_200000_is_allowed_and_past_the_end_gives_an_empty_page()
    {
        var page = await h.JsonAsync(Grid, Path, "offset=200000");

        page.GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Sort_asc_returns_the_oldest_first_and_an_unknown_sort_is_refused()
    {
        var asc = await h.JsonAsync(Grid, Path, "sort=asc&limit=5");
        using var bad = await h.PostAsync(Grid, Path, "sort=up");

        Ids(asc).Should().Equal(AllIds.Take(5));
        (await Harness.ErrorOf(bad)).Should().BeEquivalentTo(new { Status = 400, Reason = "Invalid sort parameter", Code = "400.012" });
    }

    [Fact]
    public async Task Since_id_is_inclusive_and_forces_a_limit_of_1000()
    {
        var from = AllIds[10];

        var page = await h.JsonAsync(Grid, Path, $"since_id={from}&limit=5&sort=asc");

        Ids(page).Should().Equal(AllIds.Skip(10).Take(1000));
    }

    [Fact]
    public async Task Since_id_with_the_default_descending_sort_gives_the_newest_1000_at_or_after_it()
    {
        var page = await h.JsonAsync(Grid, Path, $"since_id={AllIds[0]}");

        Ids(page).Should().Equal(AllIds.Reverse().Take(1000));
    }

    [Fact]
    public async Task Walking_with_since_id_of_the_last_id_plus_one_returns_every_record_once_in_order()
    {
        var seen = new List<long>();
        long sinceId = 1;
        while (true)
        {
            var page = Ids(await h.JsonAsync(Grid, Path, $"sort=asc&limit=1000&since_id={sinceId}"));
            seen.AddRange(page);
            if (page.Length < 1000) break;
            sinceId = page[^1] + 1;
        }

        seen.Should().Equal(AllIds);
    }

    [Fact]
    public async Task Since_id_past_the_newest_record_gives_an_empty_page_and_a_non_number_is_refused()
    {
        var empty = await h.JsonAsync(Grid, Path, $"since_id={AllIds[^1] + 1}&sort=asc");
        using var bad = await h.PostAsync(Grid, Path, "since_id=abc");

        empty.GetArrayLength().Should().Be(0);
        (await Harness.ErrorOf(bad)).Status.Should().Be(400);
    }

    [Fact]
    public async Task Since_and_until_timestamps_bound_the_records_inclusively_to_the_second()
    {
        // Given a window of two days inside the last 30 days of the server clock
        var since = new DateTimeOffset(2025, 2, 10, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var until = new DateTimeOffset(2025, 2, 11, 23, 59, 59, TimeSpan.Zero).ToUnixTimeSeconds();
        var expected = Grid.Transactions.Where(t => BitstampSeconds(t) >= since && BitstampSeconds(t) <= until).Select(t => t.Id).ToArray();

        // When
        var page = await h.JsonAsync(Grid, Path, $"since_timestamp={since}&until_timestamp={until}&sort=asc&limit=1000");

        // Then
        expected.Should().NotBeEmpty();
        Ids(page).Should().Equal(expected);
    }

    [Fact]
    public async Task A_timestamp_older_than_30_days_is_refused_as_Bitstamp_does()
    {
        var old = TestData.Now.AddDays(-31).ToUnixTimeSeconds();
        var horizon = TestData.Now.AddDays(-30).ToUnixTimeSeconds();

        using var since = await h.PostAsync(Grid, Path, $"since_timestamp={old}");
        using var until = await h.PostAsync(Grid, Path, $"until_timestamp={old}");

        (await Harness.ErrorOf(since)).Should().BeEquivalentTo(new { Status = 400, Reason = $"since_timestamp parameter must be higher than {horizon}", Code = "400.013" });
        (await Harness.ErrorOf(until)).Should().BeEquivalentTo(new { Status = 400, Reason = $"until_timestamp parameter must be higher than {horizon}", Code = "400.034" });
    }

    [Theory]
    [InlineData("since_timestamp=yesterday", "Invalid since_timestamp parameter", "400.013")]
    [InlineData("until_timestamp=1.5", "Invalid until_timestamp parameter", "400.034")]
    [InlineData("since_timestamp=99999999999999999999", "Failed to convert since_timestamp parameter", "400.013")]
    public async Task A_timestamp_that_is_not_whole_seconds_is_refused(string body, string reason, string code)
    {
        using var response = await h.PostAsync(Grid, Path, body);

        (await Harness.ErrorOf(response)).Should().BeEquivalentTo(new { Status = 400, Reason = reason, Code = code });
    }

    [Fact]
    public async Task The_market_path_returns_only_that_markets_trades()
    {
        var expected = Grid.Transactions.Where(t => t.Market?.Symbol == "ethbtc").Select(t => t.Id).Reverse().Take(1000).ToArray();

        var page = await h.JsonAsync(Grid, "/api/v2/user_transactions/ethbtc/", "limit=1000");

        expected.Should().NotBeEmpty();
        Ids(page).Should().Equal(expected);
        page.EnumerateArray().Select(r => r.GetProperty("type").GetString() + (r.TryGetProperty("eth_btc", out var rate) ? " " + rate.ValueKind : ""))
            .Should().OnlyContain(s => s == "2 String" || s == "2 Number");
    }

    [Fact]
    public async Task A_known_market_without_trades_gives_an_empty_page_and_an_unknown_market_404()
    {
        var none = await h.JsonAsync(Grid, "/api/v2/user_transactions/solusd/", "foo=bar");
        using var unknown = await h.PostAsync(Grid, "/api/v2/user_transactions/dogeusd/", "foo=bar");

        none.GetArrayLength().Should().Be(0);
        (await Harness.ErrorOf(unknown)).Should().BeEquivalentTo(new { Status = 404, Code = "404.007" });
    }

    [Fact]
    public async Task Records_are_served_byte_for_byte_as_stored()
    {
        var main = Data.Account("main");
        var expected = "[" + string.Join(",", main.Transactions.Take(1000).Select(t => t.JsonText)) + "]";

        using var response = await h.PostAsync(main, Path, "sort=asc&limit=1000");

        (await response.Content.ReadAsStringAsync()).Should().Be(expected);
        expected.Should().Contain("\"type\":\"");
    }

    [Fact]
    public async Task Unknown_form_fields_are_ignored()
    {
        var page = await h.JsonAsync(Grid, Path, "foo=bar&limit=3&sort=asc&whatever=1");

        Ids(page).Should().Equal(AllIds.Take(3));
    }

    [Fact]
    public async Task A_page_of_1000_from_a_1000_record_history_is_the_whole_history_and_the_next_offset_is_empty()
    {
        var main = Data.Account("main");
        var count = main.Transactions.Count;
        var body = new StringBuilder().Append("limit=1000&offset=").Append(count).ToString();

        var rest = await h.JsonAsync(main, Path, body);

        rest.GetArrayLength().Should().Be(0);
    }

    private static long BitstampSeconds(UserTransaction t) => new DateTimeOffset(t.DateTime).ToUnixTimeSeconds();
}
