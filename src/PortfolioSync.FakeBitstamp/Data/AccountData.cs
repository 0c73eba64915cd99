using System.Net;

namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>
/// One Bitstamp account (main or sub-account) as the fake server knows it: its API key and secret (test credentials
/// of the fake server, not user secrets), what the key may do, and the account's records.
/// </summary>
public sealed record AccountData
{
    public AccountData(string name, string key, string secret, IEnumerable<ApiPermission> permissions, TransactionHistory transactions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Name = name;
        Key = key;
        Secret = secret;
        Permissions = permissions.ToHashSet();
        Transactions = transactions;
    }

    /// <summary>Folder name in the data folder; <c>main</c> is the main account unless <see cref="IsMainFlag"/> says otherwise.</summary>
    public string Name { get; init; }

    public string Key { get; init; }

    public string Secret { get; init; }

    public IReadOnlySet<ApiPermission> Permissions { get; init; }

    /// <summary>False: every signed call answers API0008 (key not activated by e-mail).</summary>
    public bool Activated { get; init; } = true;

    /// <summary>Addresses allowed to use the key; empty means any address.</summary>
    public IReadOnlyList<IPAddress> IpAllowList { get; init; } = [];

    /// <summary>Explicit main-account flag from <c>server.json</c>; null means "the account named main".</summary>
    public bool? IsMainFlag { get; init; }

    public bool IsMain => IsMainFlag ?? Name == "main";

    public TransactionHistory Transactions { get; init; }

    /// <summary>The <c>crypto-transactions/</c> response object, when the data has one (main account only).</summary>
    public CryptoTransactionSet? CryptoTransactions { get; init; }

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"{Name} (key {Key}, {Transactions.Count} records)";
}
