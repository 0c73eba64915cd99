using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Reports.Model;

namespace PortfolioSync.Reports.Tests.Builders;

/// <summary>Builds value series: single rows, or smooth deterministic daily series for charts.</summary>
internal sealed class ValueReportBuilder
{
    private readonly List<ValueRow> _rows = [];
    private Asset _currency = Asset.Gbp;
    private string _zone = "Europe/London";
    private decimal? _cost;
    private decimal? _gain;

    public ValueReportBuilder In(string currency, string zone = "Europe/London")
    {
        _currency = Asset.Parse(currency);
        _zone = zone;
        return this;
    }

    public ValueReportBuilder Row(string date, string account, string asset, string quantity, string? price)
    {
        _rows.Add(new ValueRow(Parse.Date(date), account, Asset.Parse(asset), Parse.Dec(quantity), Parse.MaybeDec(price)));
        return this;
    }

    /// <summary>A daily holding whose quantity grows linearly and whose price follows a wave: deterministic, no randomness.</summary>
    public ValueReportBuilder Series(string account, string asset, string from, int days, decimal startQuantity, decimal dailyBuy,
        decimal startPrice, decimal drift, decimal wave)
    {
        var first = Parse.Date(from);
        for (var i = 0; i < days; i++)
        {
            var price = startPrice * (1 + drift * i) * (1 + wave * (decimal)Math.Sin(i / 23.0) + wave / 2 * (decimal)Math.Sin(i / 5.3));
            _rows.Add(new ValueRow(first.PlusDays(i), account, Asset.Parse(asset), startQuantity + dailyBuy * i,
                Math.Round(price, 2)));
        }
        return this;
    }

    public ValueReportBuilder AtEnd(string cost, string gain)
    {
        _cost = Parse.Dec(cost);
        _gain = Parse.Dec(gain);
        return this;
    }

    public ValueReport Build() => new(_currency, _zone, _rows, _cost, _gain, generatedFrom: "test ledger");
}
