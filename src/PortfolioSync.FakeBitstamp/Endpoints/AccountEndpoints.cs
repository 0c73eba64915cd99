using System.Text.Json;
using PortfolioSync.FakeBitstamp.Catalog;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Protocol;

namespace PortfolioSync.FakeBitstamp.Endpoints;

/// <summary>
/// The other private read endpoints: <c>crypto-transactions/</c> (main account only), <c>withdrawal-requests/</c>
/// (derived from the type "1" records), <c>open_orders/…</c> (always empty), <c>order_status/</c> (never found),
/// <c>fees/trading/…</c>, <c>fees/withdrawal/…</c>, <c>my_markets/</c>.
/// </summary>
internal static class AccountEndpoints
{
    public const long MaxTimedelta = 50_000_000;
    public const long DefaultTimedelta = 86_400;

    public static ApiResponse CryptoTransactions(AccountData account, FormBody form)
    {
        if (!account.IsMain)
            return ApiResponse.Error(ApiError.NoPermission with { Detail = "crypto-transactions/ is for the main account only" });
        if (!OffsetAndLimit(form, 100, out var offset, out var limit, out var error)) return ApiResponse.Error(error!);
        var includeIous = form["include_ious"] is "True" or "true" or "1";
        var set = account.CryptoTransactions ?? new CryptoTransactionSet([], [], []);
        return ApiResponse.Ok(JsonBody.Write(w =>
        {
            w.WriteStartObject();
            for (var i = 0; i < CryptoTransactionSet.ListNames.Length; i++)
            {
                w.WritePropertyName(CryptoTransactionSet.ListNames[i]);
                w.WriteStartArray();
                if (i < 2 || includeIous)
                {
                    foreach (var item in set.List(i).Skip(offset).Take(limit)) w.WriteRawValue(item.Json.Span, skipInputValidation: true);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }));
    }

    public static ApiResponse WithdrawalRequests(AccountData account, FormBody form, DateTimeOffset now)
    {
        var timedelta = DefaultTimedelta;
        if (FormNumbers.TryRead(form["timedelta"], out var td) is { } okDelta)
        {
            if (!okDelta || td > MaxTimedelta) return ApiResponse.Error(ApiError.BadParameter("Invalid timedelta parameter", "400.007"));
            timedelta = td;
        }

        long? onlyId = null;
        if (FormNumbers.TryRead(form["id"], out var id) is { } okId)
        {
            if (!okId) return ApiResponse.Error(ApiError.BadParameter("Invalid id parameter", "400.036"));
            onlyId = id;
        }

        if (!OffsetAndLimit(form, 1000, out var offset, out var limit, out var error)) return ApiResponse.Error(error!);
        var from = now.UtcDateTime.AddSeconds(-timedelta);
        var view = account.Transactions.View(null);
        var first = view.FirstAtOrAfter(from);
        var rows = new List<UserTransaction>();
        var skipped = 0;
        for (var i = view.Count - 1; i >= first && rows.Count < limit; i--)
        {
            var t = view[i];
            if (t.Type != "1" || t.Amounts.Count != 1 || (onlyId is not null && t.Id != onlyId)) continue;
            if (skipped++ >= offset) rows.Add(t);
        }

        return ApiResponse.Ok(JsonBody.Write(w =>
        {
            w.WriteStartArray();
            foreach (var t in rows) WithdrawalRequest(w, t);
            w.WriteEndArray();
        }));
    }

    public static ApiResponse OpenOrders() => ApiResponse.Ok("[]"u8.ToArray());

    public static ApiResponse OrderStatus() =>
        ApiResponse.Error(new ApiError(404, "Order not found.", "404.002"));

    public static ApiResponse TradingFees(MarketCatalog catalog, string? market)
    {
        if (market is null)
        {
            return ApiResponse.Ok(JsonBody.Write(w =>
            {
                w.WriteStartArray();
                foreach (var m in catalog.Markets) TradingFee(w, m);
                w.WriteEndArray();
            }));
        }

        return catalog.FindMarket(market) is { } info
            ? ApiResponse.Ok(JsonBody.Write(w => TradingFee(w, info)))
            : ApiResponse.Error(new ApiError(404, "Market not found for corresponding request.", "404.007"));
    }

    public static ApiResponse WithdrawalFees(MarketCatalog catalog, string? currency)
    {
        if (currency is null)
        {
            return ApiResponse.Ok(JsonBody.Write(w =>
            {
                w.WriteStartArray();
                foreach (var c in catalog.Currencies) WithdrawalFee(w, c);
                w.WriteEndArray();
            }));
        }

        return catalog.FindCurrency(currency) is { } info
            ? ApiResponse.Ok(JsonBody.Write(w => WithdrawalFee(w, info)))
            : ApiResponse.Error(new ApiError(404, "Currency not found for corresponding request.", "404.006"));
    }

    private static void WithdrawalRequest(Utf8JsonWriter w, UserTransaction t)
    {
        var amount = t.Amounts[0];
        var info = KnownCurrencies.Get(amount.Currency);
        w.WriteStartObject();
        w.WriteNumber("id", t.Id);
        w.WriteString("datetime", BitstampDateTime.Format(t.DateTime, withFraction: false));
        w.WriteNumber("type", info.WithdrawalType);
        w.WriteString("currency", info.Upper);
        w.WriteString("amount", DecimalText.Format(Math.Abs(amount.Amount), info.Decimals));
        w.WriteNumber("status", 2);
        w.WriteNumber("txid", t.Id);
        if (!info.IsFiat)
        {
            w.WriteString("network", info.Network);
            w.WriteString("address", SyntheticChain.Address(amount.Currency, "withdrawal:" + t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            w.WriteString("transaction_id", SyntheticChain.TransactionHash(amount.Currency, t.Id));
        }

        w.WriteEndObject();
    }

    private static void TradingFee(Utf8JsonWriter w, MarketInfo m)
    {
        w.WriteStartObject();
        w.WriteString("currency_pair", m.Symbol);
        w.WriteString("market", m.Symbol);
        w.WriteStartObject("fees");
        w.WriteString("maker", FeeSchedule.Maker);
        w.WriteString("taker", FeeSchedule.Taker);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WithdrawalFee(Utf8JsonWriter w, CurrencyInfo c)
    {
        w.WriteStartObject();
        w.WriteString("currency", c.Code);
        w.WriteString("fee", DecimalText.Format(c.WithdrawalFee, c.Decimals));
        w.WriteString("network", c.Network);
        w.WriteEndObject();
    }

    /// <summary><c>offset</c> 0..200000 (default 0) and <c>limit</c> 1..1000 (default <paramref name="defaultLimit"/>).</summary>
    private static bool OffsetAndLimit(FormBody form, int defaultLimit, out int offset, out int limit, out ApiError? error)
    {
        offset = 0;
        limit = defaultLimit;
        error = null;
        if (FormNumbers.TryRead(form["offset"], out var o) is { } okOffset)
        {
            if (!okOffset || o > PageQuery.MaxOffset)
            {
                error = ApiError.BadParameter(okOffset ? "Offset too large" : "Invalid offset", "400.010");
                return false;
            }

            offset = (int)o;
        }

        if (FormNumbers.TryRead(form["limit"], out var l) is { } okLimit)
        {
            if (!okLimit || l < 1 || l > PageQuery.MaxLimit)
            {
                error = ApiError.BadParameter(okLimit && l > PageQuery.MaxLimit ? "Limit too large" : "Invalid limit", "400.011");
                return false;
            }

            limit = (int)l;
        }

        return true;
    }
}
