using System.Globalization;
using System.Text;
using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Tax;

namespace PortfolioSync.Cli.Config;

/// <summary>The commented config file that <c>portfoliosync init</c> writes. It never holds a secret.</summary>
public static class ConfigTemplate
{
    public static string Render(string storePath)
    {
        var store = JsonText.Quote(storePath);
        var sb = new StringBuilder();
        sb.Append("""
            // PortfolioSync configuration: JSON with // comments. Check it with `portfoliosync status`.
            //
            // Secrets are NEVER written in this file. Each "key" and "secret" below is a reference:
            //   env:NAME      an environment variable, e.g. env:BITSTAMP_MAIN_SECRET
            //   command:CMD   a password-manager command, run directly (no shell), first line of its output:
            //                 command:pass show bitstamp/main   command:op read op://vault/bitstamp/secret
            //   file:PATH     a file only you can read (chmod 600); ~ is your home folder
            // Create read-only API keys on Bitstamp (permissions "Account balance" and "User transactions";
            // on the main account also "Crypto transactions"), one per account, and nothing else.
            {
              // Currency that costs, proceeds, gains and values are reported in.
              "baseCurrency": "GBP",

            """);
        // Rule names come from their one table each (Domain), so a new method, scope or jurisdiction shows up here.
        var uk = Jurisdiction.Uk;
        sb.Append(CultureInfo.InvariantCulture, $"  // Tax rules: {TextList.Or(Jurisdiction.All.Select(j => j.Name).ToList())}; it sets the defaults of the keys below.\n");
        sb.Append("""
              //   de  Germany: EUR, Europe/Berlin, FIFO; one-year rule and Freigrenzen; anlage-so.csv
              //   nl  Netherlands: EUR, Europe/Amsterdam; Box 3 holdings on 1 January; box3.csv
              //   es  Spain: EUR, Europe/Madrid, FIFO over all accounts (per-account refused); modelo-100.csv, modelo-721.csv
              //   fr  France: EUR, Europe/Paris, method fr-portfolio (art. 150 VH bis CGI); form-2086.csv, form-3916-bis.csv
              // The jurisdiction sets baseCurrency, timeZone, taxYear and method unless you set them here
              // (`portfoliosync status` shows the defaults in force). Rules and sources: docs/cost-basis.md.

            """);
        sb.Append(CultureInfo.InvariantCulture, $"  \"jurisdiction\": \"{uk.Name}\",\n");
        sb.Append(CultureInfo.InvariantCulture, $"  // Cost basis method: {TextList.Or(CostBasisMethodText.Names)} ({CostBasisMethod.Uk.ToText()}: same day, 30 days, section 104 pool).\n");
        sb.Append(CultureInfo.InvariantCulture, $"  \"method\": \"{uk.DefaultMethod.ToText()}\",\n");
        sb.Append(CultureInfo.InvariantCulture, $"  // Pool scope: {TextList.Or(PoolScopeText.Names)} ({PoolScope.Universal.ToText()}: one pool per asset across all accounts).\n");
        sb.Append(CultureInfo.InvariantCulture, $"  \"poolScope\": \"{uk.DefaultScope.ToText()}\",\n");
        sb.Append(CultureInfo.InvariantCulture, $"  // The date of every event is taken in this time zone (tax years, same-day rules, daily values).\n");
        sb.Append(CultureInfo.InvariantCulture, $"  \"timeZone\": \"{uk.ZoneId}\",\n");
        sb.Append(CultureInfo.InvariantCulture, $"  // Optional: {TaxYearRule.Calendar}, {TaxYearRule.Uk} or custom:MM-DD (the default follows the jurisdiction).\n");
        sb.Append(CultureInfo.InvariantCulture, $"  // \"taxYear\": \"{uk.TaxYearRule}\",\n");
        sb.Append("""
              // Optional engine rules (defaults shown): a fee paid in a cryptoasset is a disposal of it;
              // a withdrawal to outside is a disposal at market value (instead of lots leaving to 'external');
              // the two sides of a transfer between your accounts are paired within this many minutes.
              // "cryptoFeesAreDisposals": true,
              // "withdrawalsAreDisposals": false,
              // "transferWindowMinutes": 10,

            """);
        sb.Append("""
              // The local database. Relative paths are relative to this file.

            """);
        sb.Append("  \"store\": ").Append(store).Append(",\n");
        sb.Append("""
              // The exchange. For the offline demo server use http://127.0.0.1:PORT (plain http is loopback-only).
              "baseUrl": "https://www.bitstamp.net",
              // Optional: costs of deposits from outside Bitstamp (CSV: account,external_id,asset,date,cost).
              // "manualCosts": "manual-costs.csv",
              // One entry per Bitstamp account: the main account and each subaccount, each with its own key.
              // The account named "main" is the main account (or set "main": true on another one).
              "accounts": [
                { "name": "main", "key": "env:BITSTAMP_MAIN_KEY", "secret": "env:BITSTAMP_MAIN_SECRET" },
                { "name": "dca-bot", "key": "env:BITSTAMP_DCA_KEY", "secret": "command:pass show bitstamp/dca-bot" },
                { "name": "grid-bot", "key": "file:~/.config/portfoliosync/grid-bot.key", "secret": "file:~/.config/portfoliosync/grid-bot.secret" }
              ]
            }

            """);
        return sb.ToString();
    }
}
