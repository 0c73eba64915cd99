using System.Text.RegularExpressions;

namespace PortfolioSync.Bitstamp.Endpoints;

/// <summary>
/// One of the closed set of <b>read</b> endpoints this client may call. There is no public constructor: an instance
/// exists only for the paths on the allow-list below, so a request built from one can never move money.
/// Private (signed) endpoints are <c>POST</c>; public market data is unsigned <c>GET</c>.
/// </summary>
/// <remarks>
/// Allow-list (paths relative to <c>/api/v2/</c>, a <c>{x}</c> segment is 1–24 of <c>a-z 0-9 -</c>):
/// POST <c>account_balances/</c>, <c>account_balances/{currency}/</c>, <c>user_transactions/</c>,
/// <c>user_transactions/{market}/</c>, <c>crypto-transactions/</c>, <c>withdrawal-requests/</c>, <c>fees/trading/</c>,
/// <c>fees/withdrawal/</c>, <c>open_orders/all/</c>; GET <c>markets/</c>, <c>currencies/</c>, <c>ohlc/{pair}/</c>,
/// <c>ticker/{pair}/</c>, <c>trading-pairs-info/</c>.
/// </remarks>
public sealed partial record BitstampEndpoint
{
    private BitstampEndpoint(EndpointKind kind, HttpMethod method, string relativePath)
    {
        Kind = kind;
        Method = method;
        RelativePath = relativePath;
    }

    /// <summary>Which endpoint family this is.</summary>
    public EndpointKind Kind { get; }

    /// <summary><c>POST</c> for private endpoints, <c>GET</c> for public ones.</summary>
    public HttpMethod Method { get; }

    /// <summary>The path under <c>/api/v2/</c>, with its trailing slash (<c>user_transactions/</c>).</summary>
    public string RelativePath { get; }

    /// <summary>The absolute request path (<c>/api/v2/user_transactions/</c>).</summary>
    public string Path => "/api/v2/" + RelativePath;

    /// <summary>True when the request carries the v2 authentication headers.</summary>
    public bool IsSigned => Method == HttpMethod.Post;

    public static BitstampEndpoint AccountBalances { get; } = new(EndpointKind.AccountBalances, HttpMethod.Post, "account_balances/");
    public static BitstampEndpoint UserTransactions { get; } = new(EndpointKind.UserTransactions, HttpMethod.Post, "user_transactions/");
    public static BitstampEndpoint CryptoTransactions { get; } = new(EndpointKind.CryptoTransactions, HttpMethod.Post, "crypto-transactions/");
    public static BitstampEndpoint WithdrawalRequests { get; } = new(EndpointKind.WithdrawalRequests, HttpMethod.Post, "withdrawal-requests/");
    public static BitstampEndpoint TradingFees { get; } = new(EndpointKind.TradingFees, HttpMethod.Post, "fees/trading/");
    public static BitstampEndpoint WithdrawalFees { get; } = new(EndpointKind.WithdrawalFees, HttpMethod.Post, "fees/withdrawal/");
    public static BitstampEndpoint OpenOrders { get; } = new(EndpointKind.OpenOrders, HttpMethod.Post, "open_orders/all/");
    public static BitstampEndpoint Markets { get; } = new(EndpointKind.Markets, HttpMethod.Get, "markets/");
    public static BitstampEndpoint Currencies { get; } = new(EndpointKind.Currencies, HttpMethod.Get, "currencies/");
    public static BitstampEndpoint TradingPairsInfo { get; } = new(EndpointKind.TradingPairsInfo, HttpMethod.Get, "trading-pairs-info/");

    /// <summary><c>account_balances/{currency}/</c>, e.g. <c>btc</c>.</summary>
    public static BitstampEndpoint AccountBalance(string currency) =>
        new(EndpointKind.AccountBalance, HttpMethod.Post, $"account_balances/{Segment(currency, nameof(currency))}/");

    /// <summary><c>user_transactions/{market}/</c>, e.g. <c>btcusd</c>.</summary>
    public static BitstampEndpoint UserTransactionsOf(string market) =>
        new(EndpointKind.UserTransactionsOfMarket, HttpMethod.Post, $"user_transactions/{Segment(market, nameof(market))}/");

    /// <summary>Public <c>ohlc/{pair}/</c>, e.g. <c>btcusd</c>.</summary>
    public static BitstampEndpoint Ohlc(string pair) =>
        new(EndpointKind.Ohlc, HttpMethod.Get, $"ohlc/{Segment(pair, nameof(pair))}/");

    /// <summary>Public <c>ticker/{pair}/</c>.</summary>
    public static BitstampEndpoint Ticker(string pair) =>
        new(EndpointKind.Ticker, HttpMethod.Get, $"ticker/{Segment(pair, nameof(pair))}/");

    /// <summary>
    /// Finds the allow-listed endpoint for <paramref name="method"/> and an absolute <paramref name="path"/>
    /// (<c>/api/v2/…/</c>, no query). Anything else, and anything on the deny-list, gives false.
    /// </summary>
    public static bool TryMatch(HttpMethod method, string path, out BitstampEndpoint? endpoint)
    {
        endpoint = null;
        if (DenyList.IsDenied(path)) return false;
        if (!path.StartsWith("/api/v2/", StringComparison.Ordinal)) return false;
        var relative = path["/api/v2/".Length..];
        if (method == HttpMethod.Post)
        {
            foreach (var fixedEndpoint in FixedPost)
                if (relative == fixedEndpoint.RelativePath) return Found(fixedEndpoint, out endpoint);
            if (Templated("account_balances/", relative) is { } currency) return Found(AccountBalance(currency), out endpoint);
            if (Templated("user_transactions/", relative) is { } market) return Found(UserTransactionsOf(market), out endpoint);
        }
        else if (method == HttpMethod.Get)
        {
            foreach (var fixedEndpoint in FixedGet)
                if (relative == fixedEndpoint.RelativePath) return Found(fixedEndpoint, out endpoint);
            if (Templated("ohlc/", relative) is { } pair) return Found(Ohlc(pair), out endpoint);
            if (Templated("ticker/", relative) is { } tickerPair) return Found(Ticker(tickerPair), out endpoint);
        }
        return false;
    }

    public override string ToString() => $"{Method.Method} {Path}";

    private static readonly BitstampEndpoint[] FixedPost =
        [AccountBalances, UserTransactions, CryptoTransactions, WithdrawalRequests, TradingFees, WithdrawalFees, OpenOrders];

    private static readonly BitstampEndpoint[] FixedGet = [Markets, Currencies, TradingPairsInfo];

    private static bool Found(BitstampEndpoint value, out BitstampEndpoint? endpoint)
    {
        endpoint = value;
        return true;
    }

    private static string? Templated(string prefix, string relative)
    {
        if (!relative.StartsWith(prefix, StringComparison.Ordinal) || !relative.EndsWith('/')) return null;
        var segment = relative[prefix.Length..^1];
        return SegmentPattern().IsMatch(segment) ? segment : null;
    }

    private static string Segment(string value, string name) =>
        value is not null && SegmentPattern().IsMatch(value) && !DenyList.IsDeniedSegment(value) ? value
            : throw new ArgumentException($"'{value}' is not a lower-case currency or market code (a-z, 0-9, '-')", name);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,23}$", RegexOptions.CultureInvariant)]
    private static partial Regex SegmentPattern();
}
