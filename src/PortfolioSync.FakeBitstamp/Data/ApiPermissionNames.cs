namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>The names of <see cref="ApiPermission"/> values in <c>server.json</c>.</summary>
public static class ApiPermissionNames
{
    private static readonly (ApiPermission Permission, string Name)[] Table =
    [
        (ApiPermission.AccountBalance, "account_balance"),
        (ApiPermission.UserTransactions, "user_transactions"),
        (ApiPermission.CryptoTransactions, "crypto_transactions"),
        (ApiPermission.WithdrawalRequests, "withdrawal_requests"),
        (ApiPermission.OpenOrders, "open_orders"),
        (ApiPermission.Fees, "fees"),
    ];

    /// <summary>Every permission, in declaration order.</summary>
    public static IReadOnlyList<ApiPermission> All { get; } = Table.Select(t => t.Permission).ToArray();

    public static string NameOf(ApiPermission permission) =>
        Table.First(t => t.Permission == permission).Name;

    public static bool TryParse(string name, out ApiPermission permission)
    {
        foreach (var (p, n) in Table)
        {
            if (n != name) continue;
            permission = p;
            return true;
        }

        permission = default;
        return false;
    }

    public static string Known => string.Join(", ", Table.Select(t => t.Name));
}
