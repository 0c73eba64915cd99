namespace PortfolioSync.Cli.Tests;

/// <summary>Config texts for tests.</summary>
public static class ConfigFiles
{
    public static string With(string accountsJson, string extra = "") => $$"""
        {
          // a comment, as users write them
          "baseCurrency": "GBP",
          "jurisdiction": "uk",
          "store": "store/portfoliosync.db",
          {{extra}}
          "accounts": [
            {{accountsJson}}
          ]
        }
        """;

    public static string OneAccount(string key, string secret, string extra = "") =>
        With($$"""{ "name": "main", "key": "{{key}}", "secret": "{{secret}}" }""", extra);
}
