namespace PortfolioSync.FakeBitstamp.Protocol;

/// <summary>
/// Trading, withdrawal, transfer, address and other non-read endpoints (bitstamp-api.md §5). The server answers
/// them as Bitstamp answers a key without that permission (403 API0003) and records every call.
/// </summary>
internal static class DeniedEndpoints
{
    private static readonly string[] Exact =
    [
        "cancel_order/", "cancel_all_orders/", "replace_order/", "open_order/", "get_max_order_amount/",
        "withdrawal/open/", "withdrawal/cancel/", "transfer-to-main/", "transfer-from-main/", "websockets_token/",
        "revoke_all_api_keys/", "earn/subscribe/", "earn/unsubscribe/", "earn/subscriptions/setting/",
        "close_position/", "close_positions/", "adjust_position_collateral/", "leverage_settings/",
        "liquidation_address/new/", "instant_convert_address/new/",
    ];

    private static readonly string[] Prefixes = ["buy/", "sell/", "cancel_all_orders/", "travel_rule/"];

    /// <summary>Whether <paramref name="rest"/> (the path after <c>/api/v2/</c>) is a non-read endpoint; a missing trailing slash does not matter.</summary>
    public static bool IsDenied(string rest)
    {
        var path = rest.EndsWith('/') ? rest : rest + "/";
        if (Exact.Contains(path, StringComparer.Ordinal)) return true;
        if (Prefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal))) return true;
        if (path.EndsWith("_withdrawal/", StringComparison.Ordinal) || path.Contains("_address/", StringComparison.Ordinal)) return true;
        return path.StartsWith("crypto-transactions/deposits/", StringComparison.Ordinal) && path.EndsWith("/reject/", StringComparison.Ordinal);
    }
}
