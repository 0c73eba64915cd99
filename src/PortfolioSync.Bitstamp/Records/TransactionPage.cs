namespace PortfolioSync.Bitstamp.Records;

/// <summary>
/// One page of <c>user_transactions</c>, oldest first (<c>sort=asc</c>).
/// </summary>
/// <remarks>
/// Paging rule: ask with <c>sinceId = null</c> for the first page, then with <see cref="NextSinceId"/> (the page's
/// highest id + 1, because Bitstamp's <c>since_id</c> is inclusive) until <see cref="IsLast"/>. A page is the last
/// when it holds fewer records than the limit asked for; an empty page is always the last.
/// </remarks>
/// <param name="Records">Every record of the page in the order received: raw text plus parsed value or malformed reason.</param>
/// <param name="SinceId">The <c>since_id</c> this page was asked with (null for the first page).</param>
/// <param name="Limit">The limit this page was asked with.</param>
/// <param name="NextSinceId">Highest id on the page + 1; when the page is empty, <paramref name="SinceId"/> again.</param>
/// <param name="IsLast">True when there is nothing after this page (for now).</param>
public sealed record TransactionPage(
    IReadOnlyList<RawRecord<UserTransaction>> Records,
    long? SinceId,
    int Limit,
    long? NextSinceId,
    bool IsLast);
