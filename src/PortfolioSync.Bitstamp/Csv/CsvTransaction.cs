using NodaTime;
using PortfolioSync.Bitstamp.Records;

namespace PortfolioSync.Bitstamp.Csv;

/// <summary>
/// One row of a Bitstamp CSV export, read cell by cell and checked, nothing inferred yet.
/// </summary>
/// <param name="Line">Line number in the file where the row starts (header = 1).</param>
/// <param name="Format">The export it came from.</param>
/// <param name="Id">The RFC 4180 export's <c>ID</c>; null in the old export or when the cell is empty.</param>
/// <param name="At">The <c>Datetime</c> as UTC; whole minutes in the old export.</param>
/// <param name="Type">The <c>Type</c> cell as written (<c>Market</c>, <c>Deposit</c>, …).</param>
/// <param name="SubType">The <c>Subtype</c> / <c>Sub Type</c> cell (<c>Buy</c>, <c>Sell</c>), empty when none.</param>
/// <param name="Amount">The <c>Amount</c> with its currency; signed only where the file signs it.</param>
/// <param name="Value">The <c>Value</c> (quote amount of a trade), when given.</param>
/// <param name="Rate">The <c>Rate</c>, when given.</param>
/// <param name="Fee">The <c>Fee</c>, when given (its currency may be unknown when the RFC 4180 cell is empty).</param>
/// <param name="FeeAmount">The fee's amount even when its currency is not stated; 0 when the cell is empty.</param>
/// <param name="OrderId">The <c>Order ID</c>, when given.</param>
/// <param name="Raw">The row as a JSON object of header → cell text, exactly as read: what the store keeps.</param>
public sealed record CsvTransaction(
    int Line,
    CsvExportFormat Format,
    long? Id,
    Instant At,
    string Type,
    string SubType,
    CurrencyAmount Amount,
    CurrencyAmount? Value,
    CurrencyAmount? Rate,
    CurrencyAmount? Fee,
    decimal FeeAmount,
    long? OrderId,
    string Raw);
