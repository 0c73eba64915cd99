using System.Text.Json;
using PortfolioSync.FakeBitstamp.Catalog;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Protocol;

namespace PortfolioSync.FakeBitstamp.Endpoints;

/// <summary>
/// <c>account_balances/</c>, <c>account_balances/{currency}/</c> and the legacy <c>balance/</c>, <c>balance/{pair}/</c>.
/// Balances are derived from the account's records (amounts minus fees; staked amounts are not included); nothing
/// is reserved, so available equals total. Every currency of the server is listed, zeros included.
/// </summary>
internal static class BalanceEndpoints
{
    public static ApiResponse AccountBalances(AccountData account, MarketCatalog catalog, string? currency)
    {
        if (currency is null)
        {
            return ApiResponse.Ok(JsonBody.Write(w =>
            {
                w.WriteStartArray();
                foreach (var c in catalog.Currencies) Row(w, account, c);
                w.WriteEndArray();
            }));
        }

        if (catalog.FindCurrency(currency) is not { } info)
            return ApiResponse.Error(new ApiError(404, "Currency not found for corresponding request.", "404.006"));
        return ApiResponse.Ok(JsonBody.Write(w => Row(w, account, info)));
    }

    public static ApiResponse Legacy(AccountData account, MarketCatalog catalog, string? pair)
    {
        var markets = catalog.Markets.AsEnumerable();
        var currencies = catalog.Currencies.AsEnumerable();
        if (pair is not null)
        {
            if (catalog.FindMarket(pair) is not { } market)
                return ApiResponse.Error(new ApiError(404, "Market not found for corresponding request.", "404.007"));
            markets = [market];
            currencies = catalog.Currencies.Where(c => c.Code == market.Pair.Base || c.Code == market.Pair.Quote);
        }

        return ApiResponse.Ok(JsonBody.Write(w =>
        {
            w.WriteStartObject();
            foreach (var c in currencies)
            {
                var total = Amount(account, c);
                w.WriteString(c.Code + "_available", total);
                w.WriteString(c.Code + "_balance", total);
                w.WriteString(c.Code + "_reserved", DecimalText.Format(0m, c.Decimals));
                w.WriteString(c.Code + "_withdrawal_fee", DecimalText.Format(c.WithdrawalFee, c.Decimals));
            }

            foreach (var m in markets) w.WriteString(m.Symbol + "_fee", FeeSchedule.Taker);
            w.WriteEndObject();
        }));
    }

    private static void Row(Utf8JsonWriter w, AccountData account, CurrencyInfo c)
    {
        var total = Amount(account, c);
        w.WriteStartObject();
        w.WriteString("currency", c.Code);
        w.WriteString("total", total);
        w.WriteString("available", total);
        w.WriteString("reserved", DecimalText.Format(0m, c.Decimals));
        w.WriteEndObject();
    }

    private static string Amount(AccountData account, CurrencyInfo c) =>
        DecimalText.Format(account.Transactions.Balances.GetValueOrDefault(c.Code), c.Decimals);
}
