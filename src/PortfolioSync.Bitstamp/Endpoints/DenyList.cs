namespace PortfolioSync.Bitstamp.Endpoints;

/// <summary>
/// Paths refused even before the allow-list is consulted (bitstamp-api.md §5): every <c>…_withdrawal/</c> and
/// <c>…_address/</c>, and every path under a trading, withdrawal, transfer, earn, derivatives or key-management prefix.
/// The allow-list alone would already refuse them; this is the second lock on the same door.
/// </summary>
internal static class DenyList
{
    private static readonly string[] Prefixes =
    [
        "buy/", "sell/", "cancel_order", "cancel_all_orders", "replace_order", "open_order/", "get_max_order_amount",
        "withdrawal/", "transfer-to-main", "transfer-from-main", "liquidation_address", "instant_convert_address",
        "websockets_token", "revoke_all_api_keys", "earn/subscribe", "earn/unsubscribe", "earn/subscriptions",
        "travel_rule", "crypto-transactions/deposits", "close_position", "adjust_position_collateral",
        "leverage_settings",
    ];

    private static readonly string[] Fragments = ["withdrawal/", "_address", "transfer", "/reject"];

    public static bool IsDenied(string absolutePath)
    {
        var path = absolutePath.ToLowerInvariant();
        var trimmed = path.TrimEnd('/');
        if (trimmed.EndsWith("_withdrawal", StringComparison.Ordinal) || trimmed.EndsWith("_address", StringComparison.Ordinal))
            return true;
        var relative = path.StartsWith("/api/v2/", StringComparison.Ordinal) ? path["/api/v2/".Length..]
            : path.StartsWith("/api/", StringComparison.Ordinal) ? path["/api/".Length..] : path.TrimStart('/');
        foreach (var prefix in Prefixes)
            if (relative.StartsWith(prefix, StringComparison.Ordinal)) return true;
        // Read endpoints never contain these; withdrawal-requests/ and fees/withdrawal/ are read-only and spelled
        // differently from every money-moving withdrawal path.
        foreach (var fragment in Fragments)
            if (relative.Contains(fragment, StringComparison.Ordinal) && relative != "fees/withdrawal/") return true;
        return false;
    }

    /// <summary>A template segment that would name a denied family (<c>btc_withdrawal</c>).</summary>
    public static bool IsDeniedSegment(string segment) =>
        segment.EndsWith("_withdrawal", StringComparison.Ordinal) || segment.EndsWith("_address", StringComparison.Ordinal);
}
