using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using NodaTime;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using PortfolioSync.Bitstamp.Auth;
using PortfolioSync.Bitstamp.Endpoints;
using PortfolioSync.Bitstamp.Errors;
using PortfolioSync.Bitstamp.Http;
using PortfolioSync.Bitstamp.Json;
using PortfolioSync.Bitstamp.Records;
using PortfolioSync.Bitstamp.Resilience;

namespace PortfolioSync.Bitstamp;

/// <summary>
/// The read-only Bitstamp client of one account. Every request goes through, in order: the resilience pipeline
/// (retry, circuit breaker, rate limiter, timeout), the allow-list handler (refuses anything but the read endpoints,
/// before signing), the v2 signing handler (and response-signature check), then the transport. Thread-safe.
/// </summary>
public sealed class BitstampClient : IBitstampClient, IDisposable
{
    private static readonly int[] OhlcSteps = [60, 180, 300, 900, 1800, 3600, 7200, 14400, 21600, 43200, 86400, 259200];

    private readonly Uri _base;
    private readonly ApiCredentials? _credentials;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ClientStatistics _statistics = new();

    /// <param name="account">The configured account name; it appears in every error message.</param>
    /// <param name="baseUri">The server, e.g. <c>https://www.bitstamp.net</c> or <c>http://127.0.0.1:5000</c>; its path is ignored.</param>
    /// <param name="credentials">The account's key, or null for a client of public endpoints only.</param>
    /// <param name="transport">The innermost handler (default a new <see cref="SocketsHttpHandler"/>). Not disposed by the client.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named).</exception>
    public BitstampClient(string account, Uri baseUri, ApiCredentials? credentials, BitstampClientOptions options,
        TimeProvider timeProvider, HttpMessageHandler? transport = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (!baseUri.IsAbsoluteUri || baseUri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"'{baseUri}' is not an absolute http(s) address", nameof(baseUri));
        Account = account;
        _base = new Uri(baseUri.GetLeftPart(UriPartial.Authority) + "/");
        _credentials = credentials;
        _time = timeProvider;
        _pipeline = BitstampResilience.Build(options, timeProvider, _statistics, account);
        _http = new HttpClient(CreateHandlerChain(account, _base, credentials, options, timeProvider, transport, _statistics), disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,   // the pipeline's per-attempt timeout rules, on the injected clock
        };
    }

    public string Account { get; }

    /// <summary>Requests, retries and waits so far.</summary>
    public BitstampClientStatistics Statistics => _statistics.Snapshot();

    /// <summary>
    /// The handler chain every client request passes: allow-list first, then signing, then the transport. Exposed so
    /// tests can prove that even raw <see cref="HttpClient"/> use of it cannot reach a non-read endpoint.
    /// </summary>
    internal static HttpMessageHandler CreateHandlerChain(string account, Uri baseUri, ApiCredentials? credentials,
        BitstampClientOptions options, TimeProvider time, HttpMessageHandler? transport, ClientStatistics? statistics = null)
    {
        HttpMessageHandler inner = transport is null
            ? new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectTimeout = TimeSpan.FromSeconds(15),
                AllowAutoRedirect = false,   // a redirect must never carry a signed request somewhere else
                UseCookies = false,
            }
            : new KeepTransportHandler(transport);
        var nonces = options.NonceFactory ?? (() => Guid.NewGuid().ToString("D"));
        var signing = new SigningHandler(account, credentials, time, nonces, statistics ?? new ClientStatistics(), options.DebugLog,
            options.UserAgent, options.ResponseSignature, inner);
        return new AllowListHandler(baseUri, signing);
    }

    public Task<TransactionPage> GetUserTransactionsPageAsync(long? sinceId, int limit, CancellationToken cancellationToken) =>
        GetUserTransactionsPageAsync(sinceId, 0, limit, cancellationToken);

    public async Task<TransactionPage> GetUserTransactionsPageAsync(long? sinceId, int offset, int limit, CancellationToken cancellationToken)
    {
        Limit(limit, 1, 1000, nameof(limit));
        Limit(offset, 0, 200_000, nameof(offset));
        if (sinceId is < 0) throw new ArgumentOutOfRangeException(nameof(sinceId), sinceId, "must not be negative");
        var parameters = new List<KeyValuePair<string, string>> { new("limit", Text(limit)) };
        if (offset > 0) parameters.Add(new("offset", Text(offset)));
        if (sinceId is { } since) parameters.Add(new("since_id", Text(since)));
        parameters.Add(new("sort", "asc"));
        var endpoint = BitstampEndpoint.UserTransactions;
        var body = await CallAsync(endpoint, parameters, cancellationToken).ConfigureAwait(false);
        var records = RecordParsing.ParseAll(Split(endpoint, body), UserTransactionParser.Read, "id");

        long? highest = null;
        foreach (var record in records)
            if (record.Id is { } id && (highest is null || id > highest)) highest = id;
        var isLast = records.Count < limit;
        var next = highest + 1 ?? sinceId;
        if (!isLast && (highest is null || (sinceId is { } s && highest < s)))
            throw BitstampApiException.Create(BitstampErrorKind.BadRequest, Account, _credentials?.Key, endpoint,
                serverReason: "a full page with no usable record id: cannot page further");
        return new TransactionPage(records, sinceId, limit, next, isLast);
    }

    public async Task<IReadOnlyList<RawRecord<AccountBalance>>> GetBalancesAsync(CancellationToken cancellationToken)
    {
        var endpoint = BitstampEndpoint.AccountBalances;
        var body = await CallAsync(endpoint, [], cancellationToken).ConfigureAwait(false);
        return RecordParsing.ParseAll(Split(endpoint, body), RecordReaders.Balance, null);
    }

    public async Task<CryptoTransactionsPage> GetCryptoTransactionsAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        Limit(offset, 0, 200_000, nameof(offset));
        Limit(limit, 1, 1000, nameof(limit));
        var endpoint = BitstampEndpoint.CryptoTransactions;
        var body = await CallAsync(endpoint, [new("limit", Text(limit)), new("offset", Text(offset))], cancellationToken).ConfigureAwait(false);
        var deposits = RecordParsing.ParseAll(SplitAt(endpoint, body, "deposits"), RecordReaders.Crypto, "id");
        var withdrawals = RecordParsing.ParseAll(SplitAt(endpoint, body, "withdrawals"), RecordReaders.Crypto, "id");
        var ious = RecordParsing.ParseAll(SplitAt(endpoint, body, "ripple_iou_transactions"), RecordReaders.Crypto, "id");
        var isLast = deposits.Count < limit && withdrawals.Count < limit && ious.Count < limit;
        return new CryptoTransactionsPage(deposits, withdrawals, ious, offset, limit, isLast);
    }

    public async Task<IReadOnlyList<RawRecord<Market>>> GetMarketsAsync(CancellationToken cancellationToken)
    {
        var endpoint = BitstampEndpoint.Markets;
        var body = await CallAsync(endpoint, [], cancellationToken).ConfigureAwait(false);
        return RecordParsing.ParseAll(Split(endpoint, body), RecordReaders.Market, null);
    }

    public async Task<OhlcSeries> GetOhlcAsync(string pair, int stepSeconds, Instant? start, Instant? end, int limit,
        CancellationToken cancellationToken)
    {
        var endpoint = BitstampEndpoint.Ohlc(pair);
        if (Array.IndexOf(OhlcSteps, stepSeconds) < 0)
            throw new ArgumentOutOfRangeException(nameof(stepSeconds), stepSeconds, "must be one of " + string.Join(", ", OhlcSteps));
        Limit(limit, 1, 1000, nameof(limit));
        var parameters = new List<KeyValuePair<string, string>> { new("step", Text(stepSeconds)), new("limit", Text(limit)) };
        if (start is { } from) parameters.Add(new("start", Text(from.ToUnixTimeSeconds())));
        if (end is { } to) parameters.Add(new("end", Text(to.ToUnixTimeSeconds())));
        var body = await CallAsync(endpoint, parameters, cancellationToken).ConfigureAwait(false);
        var candles = RecordParsing.ParseAll(SplitAt(endpoint, body, "data", "ohlc"), RecordReaders.Candle, null);
        return new OhlcSeries(pair, PairName(body), candles);
    }

    public async Task<IReadOnlyList<RawRecord<WithdrawalRequest>>> GetWithdrawalRequestsAsync(int offset, int limit,
        CancellationToken cancellationToken)
    {
        Limit(offset, 0, 200_000, nameof(offset));
        Limit(limit, 1, 1000, nameof(limit));
        var endpoint = BitstampEndpoint.WithdrawalRequests;
        var body = await CallAsync(endpoint,
            [new("limit", Text(limit)), new("offset", Text(offset)), new("timedelta", "50000000")], cancellationToken).ConfigureAwait(false);
        return RecordParsing.ParseAll(Split(endpoint, body), RecordReaders.Withdrawal, "id");
    }

    /// <summary>
    /// Any allow-listed endpoint, answered as the exact body text (for <c>check</c>, fees, open orders, tickers).
    /// Form parameters for signed endpoints, query parameters for public ones.
    /// </summary>
    public async Task<string> GetRawAsync(BitstampEndpoint endpoint, IReadOnlyList<KeyValuePair<string, string>> parameters,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var body = await CallAsync(endpoint, parameters, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(body);
    }

    public void Dispose() => _http.Dispose();

    private async Task<byte[]> CallAsync(BitstampEndpoint endpoint, IReadOnlyList<KeyValuePair<string, string>> parameters,
        CancellationToken cancellationToken)
    {
        var attempts = 0;
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(async token =>
            {
                Interlocked.Increment(ref attempts);
                using var request = CreateRequest(endpoint, parameters);
                var answer = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    var bytes = await answer.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
                    if (BitstampResilience.IsHtml(bytes))
                    {
                        answer.Dispose();
                        throw new FirewallPageException(endpoint.ToString(), 200);
                    }
                    if (!RawJson.IsCompleteDocument(bytes))
                    {
                        answer.Dispose();
                        throw new IncompleteResponseException(endpoint.ToString(), bytes.Length);
                    }
                }
                return answer;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (BrokenCircuitException e)
        {
            throw Fail(BitstampErrorKind.CircuitOpen, endpoint, attempts, e);
        }
        catch (RateLimiterRejectedException e)
        {
            throw Fail(BitstampErrorKind.RateLimited, endpoint, attempts, e);
        }
        catch (FirewallPageException e)
        {
            throw BitstampApiException.Create(BitstampErrorKind.Blocked, Account, _credentials?.Key, endpoint, httpStatus: e.Status,
                serverReason: "an HTML page (firewall challenge) instead of JSON", attempts: attempts, inner: e);
        }
        catch (IncompleteResponseException e)
        {
            throw Fail(BitstampErrorKind.ServerError, endpoint, attempts, e, "the response body was cut off");
        }
        catch (HttpRequestException e)
        {
            throw Fail(BitstampErrorKind.NetworkUnreachable, endpoint, attempts, e, Cause(e));
        }
        catch (IOException e)
        {
            throw Fail(BitstampErrorKind.NetworkUnreachable, endpoint, attempts, e, e.Message);
        }
        catch (TimeoutRejectedException e)
        {
            throw Fail(BitstampErrorKind.NetworkUnreachable, endpoint, attempts, e, e.Message);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK && !ApiErrorBody.IsErrorObject(body)) return body;
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
                throw BitstampApiException.Create(BitstampErrorKind.Redirected, Account, _credentials?.Key, endpoint, status,
                    attempts: attempts, details: new ErrorDetails(ObservedAddress: response.Headers.Location?.ToString()));
            if (status < 500 && BitstampResilience.IsHtml(body))
                throw BitstampApiException.Create(BitstampErrorKind.Blocked, Account, _credentials?.Key, endpoint, status,
                    serverReason: HtmlTitle(body), attempts: attempts);
            throw ErrorTranslator.FromResponse(Account, _credentials?.Key, endpoint, response.StatusCode, body,
                response.Headers.Date, _time.GetUtcNow(), attempts);
        }
    }

    private HttpRequestMessage CreateRequest(BitstampEndpoint endpoint, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var form = string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        if (endpoint.IsSigned)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, endpoint.Path));
            if (form.Length > 0) request.Content = new ByteArrayContent(Encoding.ASCII.GetBytes(form));   // typed by the signer
            return request;
        }
        var query = form.Length > 0 ? "?" + form : "";
        return new HttpRequestMessage(HttpMethod.Get, new Uri(_base, endpoint.Path + query));
    }

    private BitstampApiException Fail(BitstampErrorKind kind, BitstampEndpoint endpoint, int attempts, Exception inner, string? reason = null) =>
        BitstampApiException.Create(kind, Account, _credentials?.Key, endpoint, attempts: attempts, serverReason: reason,
            details: new ErrorDetails(BaseAddress: _base.GetLeftPart(UriPartial.Authority)), inner: inner);

    private IReadOnlyList<string> Split(BitstampEndpoint endpoint, byte[] body)
    {
        try
        {
            return RawJson.SplitArray(body);
        }
        catch (JsonException e)
        {
            throw BitstampApiException.Create(BitstampErrorKind.BadRequest, Account, _credentials?.Key, endpoint,
                httpStatus: 200, serverReason: "unexpected answer: " + e.Message, inner: e);
        }
    }

    private IReadOnlyList<string> SplitAt(BitstampEndpoint endpoint, byte[] body, params string[] path)
    {
        try
        {
            return RawJson.SplitArrayAt(body, path);
        }
        catch (JsonException e)
        {
            throw BitstampApiException.Create(BitstampErrorKind.BadRequest, Account, _credentials?.Key, endpoint,
                httpStatus: 200, serverReason: "unexpected answer: " + e.Message, inner: e);
        }
    }

    // "Connection refused (127.0.0.1:5080)": the innermost message says what really happened.
    private static string Cause(HttpRequestException e) =>
        e.InnerException is System.Net.Sockets.SocketException socket ? $"{socket.Message} ({e.Message})" : e.Message;

    private static string? HtmlTitle(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 4096));
        var start = text.IndexOf("<title>", StringComparison.OrdinalIgnoreCase);
        var end = start < 0 ? -1 : text.IndexOf("</title>", start, StringComparison.OrdinalIgnoreCase);
        return start >= 0 && end > start ? "HTML page: " + text[(start + 7)..end].Trim() : "an HTML page instead of JSON";
    }

    private static string? PairName(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("pair", out var pair) && pair.ValueKind == JsonValueKind.String ? pair.GetString() : null;
    }

    private static void Limit(int value, int min, int max, string name)
    {
        if (value < min || value > max) throw new ArgumentOutOfRangeException(name, value, $"must be {min}–{max}");
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
