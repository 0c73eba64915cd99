using NodaTime;
using PortfolioSync.Bitstamp.Records;

namespace PortfolioSync.Bitstamp;

/// <summary>
/// The read-only Bitstamp API of one account (one key). Every method can only read: the endpoints are a closed
/// allow-list (<see cref="Endpoints.BitstampEndpoint"/>). Failures that survive the retries are
/// <see cref="Errors.BitstampApiException"/>s naming the account and the fix.
/// </summary>
public interface IBitstampClient
{
    /// <summary>The configured account name this client's key belongs to.</summary>
    string Account { get; }

    /// <summary>
    /// <c>POST user_transactions/</c> with <c>sort=asc</c>: the records with id ≥ <paramref name="sinceId"/> (inclusive),
    /// oldest first, or from the very first record when <paramref name="sinceId"/> is null.
    /// </summary>
    /// <param name="limit">1–1000. Bitstamp may answer up to 1000 rows whenever <c>since_id</c> is given.</param>
    /// <remarks>Page on with <see cref="TransactionPage.NextSinceId"/> until <see cref="TransactionPage.IsLast"/>.</remarks>
    Task<TransactionPage> GetUserTransactionsPageAsync(long? sinceId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// One page of <c>user_transactions</c> (<c>sort=asc</c>, by datetime then id as the API documents) at
    /// <paramref name="offset"/> (0–200,000) within the records whose id is at least <paramref name="sinceId"/>.
    /// </summary>
    Task<TransactionPage> GetUserTransactionsPageAsync(long? sinceId, int offset, int limit, CancellationToken cancellationToken);

    /// <summary><c>POST account_balances/</c>: one row per currency, zeros included.</summary>
    Task<IReadOnlyList<RawRecord<AccountBalance>>> GetBalancesAsync(CancellationToken cancellationToken);

    /// <summary><c>POST crypto-transactions/</c> (main account keys only).</summary>
    /// <param name="offset">0–200000.</param>
    /// <param name="limit">1–1000.</param>
    Task<CryptoTransactionsPage> GetCryptoTransactionsAsync(int offset, int limit, CancellationToken cancellationToken);

    /// <summary>Public <c>GET markets/</c>.</summary>
    Task<IReadOnlyList<RawRecord<Market>>> GetMarketsAsync(CancellationToken cancellationToken);

    /// <summary>Public <c>GET ohlc/{pair}/</c>; for price sync use <paramref name="stepSeconds"/> = 86400 (daily).</summary>
    /// <param name="pair">URL symbol, e.g. <c>btcusd</c>.</param>
    /// <param name="stepSeconds">One of 60, 180, 300, 900, 1800, 3600, 7200, 14400, 21600, 43200, 86400, 259200.</param>
    /// <param name="start">First candle start (inclusive), or null.</param>
    /// <param name="end">Last candle start (inclusive), or null.</param>
    /// <param name="limit">1–1000.</param>
    Task<OhlcSeries> GetOhlcAsync(string pair, int stepSeconds, Instant? start, Instant? end, int limit, CancellationToken cancellationToken);

    /// <summary><c>POST withdrawal-requests/</c> over the longest window Bitstamp allows (<c>timedelta</c> 50,000,000 s).</summary>
    /// <param name="offset">0–200000.</param>
    /// <param name="limit">1–1000.</param>
    Task<IReadOnlyList<RawRecord<WithdrawalRequest>>> GetWithdrawalRequestsAsync(int offset, int limit, CancellationToken cancellationToken);
}
