using PortfolioSync.Reports.Model;
using PortfolioSync.Reports.Tests.Builders;

namespace PortfolioSync.Reports.Tests;

public sealed class ValueReportTests
{
    [Fact]
    public void Each_day_has_a_total_of_its_known_values()
    {
        var report = new ValueReportBuilder()
            .Row("2024-01-02", "main", "BTC", "1", "40000")
            .Row("2024-01-01", "main", "BTC", "1", "39000.5")
            .Row("2024-01-01", "dca-bot", "BTC", "0.5", "39000.5")
            .Row("2024-01-01", "main", "ETH", "2", "2000")
            .Build();

        report.Days.Select(d => d.Total).Should().Equal(62500.75m, 40000m);
        report.Days[0].ByAsset[Domain.Asset.Btc].Should().Be(58500.75m);
        report.Rows.Select(r => r.Account).Should().Equal("dca-bot", "main", "main", "main");
        report.ValueAtEnd.Should().Be(40000m);
    }

    [Fact]
    public void A_holding_without_price_has_no_value_is_left_out_of_the_total_and_is_warned_about()
    {
        var report = new ValueReportBuilder()
            .Row("2024-01-01", "main", "BTC", "1", "40000")
            .Row("2024-01-01", "main", "XYZ", "5", null)
            .Row("2024-01-02", "main", "XYZ", "5", null)
            .Build();

        report.Rows.Single(r => r.Asset.Code == "XYZ" && r.Date.Day == 1).Value.Should().BeNull();
        report.Days.Select(d => d.Total).Should().Equal(40000m, null);
        report.Warnings.Should().ContainSingle().Which.Message.Should()
            .Be("No GBP price for XYZ on 2 day(s) from 2024-01-01 to 2024-01-02: its value is left empty and those days' totals leave it out.");
    }

    [Fact]
    public void Two_rows_for_the_same_day_account_and_asset_are_refused() =>
        FluentActions.Invoking(() => new ValueReportBuilder()
                .Row("2024-01-01", "main", "BTC", "1", "1").Row("2024-01-01", "main", "BTC", "2", "1").Build())
            .Should().Throw<ArgumentException>().WithMessage("two value rows for 2024-01-01, account main, asset BTC*");

    [Fact]
    public void A_value_series_attached_to_a_tax_report_brings_its_warnings_along()
    {
        var value = new ValueReportBuilder().Row("2024-06-01", "main", "XYZ", "5", null).Build();
        var report = new TaxReportBuilder().Value(value).Build();
        report.Warnings.Select(w => w.Message).Should().Contain(value.Warnings.Single().Message);
    }
}
