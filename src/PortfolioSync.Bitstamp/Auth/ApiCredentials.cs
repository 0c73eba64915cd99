namespace PortfolioSync.Bitstamp.Auth;

/// <summary>The key id and secret of one Bitstamp account (main or a subaccount). Prints without the secret.</summary>
public sealed record ApiCredentials(ApiKeyId Key, Secret Secret)
{
    public override string ToString() => $"key {Key.Masked}, secret ***";
}
