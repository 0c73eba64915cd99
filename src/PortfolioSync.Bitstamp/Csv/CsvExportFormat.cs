namespace PortfolioSync.Bitstamp.Csv;

/// <summary>The two transaction exports Bitstamp's web site has offered (bitstamp-api.md §10).</summary>
public enum CsvExportFormat
{
    /// <summary>Since Dec 2023: <c>ID,Account,Type,Subtype,Datetime,Amount,Amount currency,Value,Value currency,Rate,Rate currency,Fee,Fee currency,Order ID</c>.</summary>
    Rfc4180,

    /// <summary>Before: <c>Type,Datetime,Account,Amount,Value,Rate,Fee,Sub Type</c>, minute-precision dates, "2.00000000 ETH" cells, no id.</summary>
    Legacy,
}
