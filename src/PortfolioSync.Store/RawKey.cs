using System.Globalization;

namespace PortfolioSync.Store;

/// <summary>
/// Keys of the store (DESIGN.md §6): raw records <c>{account}/{stream}/{external id}</c> and cursors
/// <c>{account}/{stream}</c>. Account and stream names are 1–64 characters without <c>/</c>, <c>#</c> or control
/// characters, so a key splits back into its parts unambiguously.
/// </summary>
public static class RawKey
{
    /// <summary>The raw record key, external id in invariant decimal digits (<c>main/user_transactions/1234</c>).</summary>
    public static string Of(string account, string stream, long externalId) =>
        string.Create(CultureInfo.InvariantCulture, $"{Name(account, nameof(account))}/{Name(stream, nameof(stream))}/{externalId}");

    /// <summary>The cursor key <c>{account}/{stream}</c>.</summary>
    public static string Cursor(string account, string stream) =>
        $"{Name(account, nameof(account))}/{Name(stream, nameof(stream))}";

    /// <summary>Splits a raw key; false when it is not one.</summary>
    public static bool TryParse(string key, out string account, out string stream, out long externalId)
    {
        account = stream = "";
        externalId = 0;
        var parts = key.Split('/');
        if (parts.Length != 3 || !IsName(parts[0]) || !IsName(parts[1])) return false;
        if (!long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out externalId)) return false;
        if (!string.Equals(externalId.ToString(CultureInfo.InvariantCulture), parts[2], StringComparison.Ordinal)) return false;
        account = parts[0];
        stream = parts[1];
        return true;
    }

    /// <summary>Returns <paramref name="value"/> when it is a valid account or stream name, else throws naming it.</summary>
    public static string Name(string value, string parameter)
    {
        if (!IsName(value))
            throw new ArgumentException($"'{value}' is not a valid name (1-64 characters, no '/', '#' or control characters)", parameter);
        return value;
    }

    internal static bool IsName(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64) return false;
        foreach (var c in value)
            if (c is '/' or '#' || char.IsControl(c)) return false;
        return true;
    }
}
