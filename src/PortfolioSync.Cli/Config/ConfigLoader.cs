using System.Text.Json;
using NodaTime;
using PortfolioSync.Bitstamp;
using PortfolioSync.Cli.Hosting;
using PortfolioSync.Cli.Secrets;
using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Tax;

namespace PortfolioSync.Cli.Config;

/// <summary>
/// Reads and validates a config file (JSON with comments). Every problem is collected and reported at once, each by
/// JSON path and line/column; unknown keys are errors. Validation never resolves a secret and never echoes a value
/// found in a secret field.
/// </summary>
public static class ConfigLoader
{
    /// <summary>The longest <c>transferWindowMinutes</c> accepted: one day.</summary>
    public const int MaxTransferWindowMinutes = 1440;

    private static readonly string[] TopLevelKeys =
        ["baseCurrency", "jurisdiction", "method", "poolScope", "timeZone", "taxYear", "store", "baseUrl", "fiat", "manualCosts",
         "cryptoFeesAreDisposals", "withdrawalsAreDisposals", "transferWindowMinutes",
         "requestsPerSecond", "parallelAccounts", "dashboard", "backups", "responseSignature", "cryptoToCrypto", "maxPriceAgeDays", "stakingConversionsAreDisposals", "accounts"];
    private static readonly string[] AccountKeys = ["name", "key", "secret", "main"];

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 16,
    };

    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <exception cref="ConfigException">The file is missing, unreadable, not JSON, or not a valid config.</exception>
    public static AppConfig Load(string path, CliEnvironment env)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw NoConfig(path);
        }
        catch (DirectoryNotFoundException)
        {
            throw NoConfig(path);
        }
        catch (IOException e)
        {
            throw Unreadable(path, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw Unreadable(path, e);
        }
        return Parse(bytes, path, env);
    }

    private static ConfigException NoConfig(string path) =>
        new(path, [new ConfigProblem("", "no config file here: create one with `portfoliosync init` (or pass --config FILE)")]);

    private static ConfigException Unreadable(string path, Exception e) =>
        new(path, [new ConfigProblem("", $"cannot be read ({e.GetType().Name})")]);

    public static AppConfig Parse(byte[] utf8, string path, CliEnvironment env)
    {
        // Editors on Windows (Notepad before 2019, PowerShell 5's Out-File -Encoding utf8) start the file with a UTF-8
        // byte order mark; the JSON reader would refuse it at 1:1. Lines and columns are counted after it, as editors do.
        if (utf8.AsSpan().StartsWith("\uFEFF"u8)) utf8 = utf8[3..];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new ConfigException(path, [new ConfigProblem("", $"not valid JSON: {FirstSentence(e.Message)}", line, column)]);
        }
        using (document)
        {
            var positions = JsonPositions.Index(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var v = new Validation(positions);
            var config = Read(document.RootElement, path, env, v);
            if (v.Problems.Count > 0 || config is null) throw new ConfigException(path, v.Problems);
            return config;
        }
    }

    private static AppConfig? Read(JsonElement root, string path, CliEnvironment env, Validation v)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            v.Add("", "the top level must be a JSON object { ... }");
            return null;
        }
        v.UnknownKeys(root, "", TopLevelKeys);

        var jurisdiction = v.Optional(root, "jurisdiction", "", Jurisdiction.Generic, Jurisdiction.Parse);
        var baseCurrency = v.Optional(root, "baseCurrency", "", jurisdiction.BaseCurrency, ParseBaseCurrency);
        var method = v.Optional(root, "method", "", jurisdiction.DefaultMethod, t => MethodFor(jurisdiction, t));
        var (scope, scopeFrom) = v.Optional(root, "poolScope", "", (jurisdiction.DefaultScope, jurisdiction.DefaultScopeFrom), PoolScopeText.ParseWithDate);
        var cryptoToCrypto = v.Optional(root, "cryptoToCrypto", "", CryptoToCryptoValuation.Once, CryptoToCryptoValuationText.Parse);
        var maxPriceAgeDays = v.Optional(root, "maxPriceAgeDays", "", Domain.Pricing.PriceBook.DefaultMaxPriceAgeDays,
            t => IntIn(t, 0, 3650, "days a price may be carried over a gap"));
        var zone = v.Optional(root, "timeZone", "", jurisdiction.Zone, id =>
            DateTimeZoneProviders.Tzdb.GetZoneOrNull(id)
            ?? throw new FormatException($"'{id}' is not a time zone id (use a tz database name such as Europe/London or America/New_York)"));
        var taxYear = v.Optional(root, "taxYear", "", jurisdiction.TaxYearRule, TaxYearRule.Parse);
        var feesAreDisposals = v.Optional(root, "cryptoFeesAreDisposals", "", jurisdiction.CryptoFeesAreDisposals, Bool);
        var withdrawalsAreDisposals = v.Optional(root, "withdrawalsAreDisposals", "", false, Bool);
        var stakingConversionsAreDisposals = v.Optional(root, "stakingConversionsAreDisposals", "", false, Bool);
        var transferWindow = v.Optional(root, "transferWindowMinutes", "", CostBasisOptions.DefaultTransferWindow,
            t => Duration.FromMinutes(IntIn(t, 0, MaxTransferWindowMinutes, "minutes")));
        var configDir = Path.GetDirectoryName(Path.GetFullPath(path, env.WorkingDirectory));
        var store = v.Optional(root, "store", "", ConfigPaths.DefaultStore(env), p => env.ExpandPath(p, configDir));
        var baseUrl = v.Optional(root, "baseUrl", "", new Uri("https://www.bitstamp.net"), ParseBaseUrl);
        var fiat = Asset.DefaultFiat;
        if (root.TryGetProperty("fiat", out var fiatElement))
        {
            if (fiatElement.ValueKind != JsonValueKind.Array || fiatElement.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || !Asset.TryParse(e.GetString(), out _)))
                v.Add("fiat", "must be a list of currency codes, e.g. [\"USD\", \"EUR\", \"GBP\"]");
            else
                fiat = new FiatSet(fiatElement.EnumerateArray().Select(e => e.GetString()!));
        }
        var manualCosts = v.Optional<string?>(root, "manualCosts", "", null, p => env.ExpandPath(p, configDir));
        var requestsPerSecond = v.Optional(root, "requestsPerSecond", "", 8, t => IntIn(t, 1, 100, "requests per second"));
        var parallelAccounts = v.Optional(root, "parallelAccounts", "", 1, t => IntIn(t, 1, 8, "accounts synced at once"));
        string? dashboard = null;
        if (root.TryGetProperty("dashboard", out var dashboardElement) && dashboardElement.ValueKind != JsonValueKind.String)
            v.Add("dashboard", "must be a folder as a string, e.g. \"reports/dashboard\"");
        else dashboard = v.Optional<string?>(root, "dashboard", "", null, p => p.Trim().Length == 0
            ? throw new FormatException("must be a folder, e.g. \"reports/dashboard\" (leave the key out to not write a dashboard after sync)")
            : env.ExpandPath(p, configDir));
        var responseSignature = v.Optional(root, "responseSignature", "", ResponseSignatureMode.Warn, ParseSignatureMode);
        var backups = v.Optional(root, "backups", "", 3, t => IntIn(t, 0, 20, "store backups kept (0 = none)"));
        var accounts = ReadAccounts(root, v);

        if (accounts is null) return null;
        return new AppConfig
        {
            SourcePath = path,
            BaseCurrency = baseCurrency,
            Jurisdiction = jurisdiction,
            Method = method,
            PoolScope = scope,
            PoolScopeFrom = scopeFrom,
            CryptoToCrypto = cryptoToCrypto,
            MaxPriceAgeDays = maxPriceAgeDays,
            CryptoFeesAreDisposals = feesAreDisposals,
            WithdrawalsAreDisposals = withdrawalsAreDisposals,
            StakingConversionsAreDisposals = stakingConversionsAreDisposals,
            TransferWindow = transferWindow,
            TimeZone = zone,
            TaxYear = taxYear,
            StorePath = store,
            BaseUrl = baseUrl,
            Fiat = fiat,
            ManualCostsPath = manualCosts,
            RequestsPerSecond = requestsPerSecond,
            ParallelAccounts = parallelAccounts,
            DashboardDir = dashboard,
            ResponseSignature = responseSignature,
            Backups = backups,
            Accounts = accounts,
        };
    }

    private static List<AccountConfig>? ReadAccounts(JsonElement root, Validation v)
    {
        if (!root.TryGetProperty("accounts", out var list))
        {
            v.Add("accounts", "is missing: list your Bitstamp accounts, e.g. [{ \"name\": \"main\", \"key\": \"env:BITSTAMP_MAIN_KEY\", \"secret\": \"env:BITSTAMP_MAIN_SECRET\" }]");
            return null;
        }
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            v.Add("accounts", "must be a non-empty list of accounts");
            return null;
        }
        var accounts = new List<AccountConfig>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var at = $"accounts[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                v.Add(at, "must be an object with name, key and secret");
                continue;
            }
            v.UnknownKeys(item, at, AccountKeys);
            var name = v.RequiredString(item, "name", at);
            if (name is not null)
            {
                if (!IsAccountName(name))
                    v.Add($"{at}.name", $"'{name}' is not a valid account name: use 1-32 lower-case letters, digits, '-' or '_'");
                else if (!names.Add(name))
                    v.Add($"{at}.name", $"'{name}' is used by two accounts; names must be unique");
            }
            // An account without key and secret holds imported records only (import bitstamp-csv).
            var hasKey = item.TryGetProperty("key", out _);
            var hasSecret = item.TryGetProperty("secret", out _);
            if (hasKey != hasSecret)
            {
                v.Add($"{at}.{(hasKey ? "secret" : "key")}", "is missing: give both key and secret, or neither for an account of imported records only (import bitstamp-csv)");
                continue;
            }
            var key = hasKey ? ReadKey(item, at, v) : null;
            var secret = hasSecret ? ReadSecret(item, at, v) : null;
            var isMain = v.Optional(item, "main", at, name == "main", bool.Parse);
            if (name is not null && (key is not null) == hasKey && (secret is not null) == hasSecret)
                accounts.Add(new AccountConfig(name, key, secret, isMain));
        }
        if (accounts.Count(a => a.IsMain) > 1)
            v.Add("accounts", "more than one account is marked as the main account");
        return v.Problems.Count == 0 ? accounts : null;
    }

    private static CredentialSource? ReadKey(JsonElement item, string at, Validation v)
    {
        var text = v.RequiredString(item, "key", at, secretLike: false);
        if (text is null) return null;
        if (SecretReference.LooksLikeReference(text))
        {
            if (SecretReference.TryParse(text, out var reference, out var problem)) return new CredentialSource(reference, null);
            v.Add($"{at}.key", problem);
            return null;
        }
        if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            v.Add($"{at}.key", "an API key id has no blanks; " + SecretReference.Help);
            return null;
        }
        return new CredentialSource(null, text);
    }

    private static SecretReference? ReadSecret(JsonElement item, string at, Validation v)
    {
        var text = v.RequiredString(item, "secret", at, secretLike: true);
        if (text is null) return null;
        if (!SecretReference.LooksLikeReference(text))
        {
            // Never repeat the value: it may be the real secret.
            v.Add($"{at}.secret", "holds a literal value; secrets are never written in the config. Remove it (and rotate the key if this file was shared), then " + SecretReference.Help);
            return null;
        }
        if (SecretReference.TryParse(text, out var reference, out var problem)) return reference;
        v.Add($"{at}.secret", problem);
        return null;
    }

    private static CostBasisMethod MethodFor(Jurisdiction jurisdiction, string text)
    {
        var method = CostBasisMethodText.Parse(text);
        return jurisdiction.Methods.Contains(method) ? method
            : throw new FormatException($"'{text}' is not a method allowed under jurisdiction {jurisdiction.Name}: use {string.Join(", ", jurisdiction.Methods.Select(m => m.ToText()))}");
    }

    private static bool Bool(string text) => text switch
    {
        "true" => true,
        "false" => false,
        _ => throw new FormatException($"'{text}' is not true or false"),
    };

    private static Uri ParseBaseUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new FormatException($"'{text}' is not an http(s) URL (e.g. https://www.bitstamp.net)");
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
            throw new FormatException($"'{text}' is plain http to another machine; use https (plain http is allowed only for 127.0.0.1/localhost)");
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0)
            throw new FormatException($"'{text}' must be a base URL without a path (e.g. https://www.bitstamp.net)");
        return uri;
    }

    private static ResponseSignatureMode ParseSignatureMode(string text) => text switch
    {
        "warn" => ResponseSignatureMode.Warn,
        "strict" => ResponseSignatureMode.Strict,
        "off" => ResponseSignatureMode.Off,
        _ => throw new FormatException($"'{text}' is not warn, strict or off"),
    };

    private static int IntIn(string text, int min, int max, string what) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n : throw new FormatException($"'{text}' is not a whole number of {what} from {min} to {max}");

    private static bool IsAccountName(string name) =>
        name.Length is >= 1 and <= 32 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }

    private sealed class Validation(JsonPositions positions)
    {
        public List<ConfigProblem> Problems { get; } = [];

        public void Add(string path, string message)
        {
            var at = positions.Find(path);
            Problems.Add(new ConfigProblem(path, message, at?.Line, at?.Column));
        }

        public void UnknownKeys(JsonElement obj, string at, string[] known)
        {
            foreach (var p in obj.EnumerateObject())
            {
                if (known.Contains(p.Name, StringComparer.Ordinal)) continue;
                var path = at.Length == 0 ? p.Name : $"{at}.{p.Name}";
                var guess = known.MinBy(k => Distance(k.ToLowerInvariant(), p.Name.ToLowerInvariant()));
                var hint = guess is not null && Distance(guess.ToLowerInvariant(), p.Name.ToLowerInvariant()) <= 3 ? $" (did you mean '{guess}'?)" : "";
                Add(path, $"unknown key{hint}; known keys here: {string.Join(", ", known)}");
            }
        }

        public string? RequiredString(JsonElement obj, string name, string at, bool secretLike = false)
        {
            var path = $"{at}.{name}";
            if (!obj.TryGetProperty(name, out var e))
            {
                Add(path, secretLike ? "is missing; " + SecretReference.Help : "is missing");
                return null;
            }
            if (e.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(e.GetString()))
            {
                Add(path, "must be a non-empty string");
                return null;
            }
            return e.GetString()!;
        }

        public T Optional<T>(JsonElement obj, string name, string at, T fallback, Func<string, T> parse)
        {
            if (!obj.TryGetProperty(name, out var e)) return fallback;
            var path = at.Length == 0 ? name : $"{at}.{name}";
            var text = e.ValueKind switch
            {
                JsonValueKind.String => e.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => e.GetRawText(),
                _ => null,
            };
            if (text is null)
            {
                Add(path, typeof(T) == typeof(bool) ? "must be true or false" : "must be a string");
                return fallback;
            }
            try
            {
                return parse(text);
            }
            catch (FormatException ex)
            {
                Add(path, ex.Message);
                return fallback;
            }
            catch (ArgumentException ex)   // e.g. an impossible custom tax-year date
            {
                Add(path, ex.Message);
                return fallback;
            }
        }

        private static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
            for (var j = 0; j <= b.Length; j++) d[0, j] = j;
            for (var i = 1; i <= a.Length; i++)
                for (var j = 1; j <= b.Length; j++)
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            return d[a.Length, b.Length];
        }
    }

    /// <summary>The currencies Bitstamp quotes its markets in, so the only ones its prices can express a value in.</summary>
    public static IReadOnlyList<Asset> PricedBaseCurrencies { get; } = [Asset.Gbp, Asset.Eur, Asset.Usd];

    /// <summary>A base currency Bitstamp prices (GBP, EUR, USD); anything else would leave every value unknown.</summary>
    private static Asset ParseBaseCurrency(string text)
    {
        var asset = Asset.Parse(text);
        if (PricedBaseCurrencies.Contains(asset)) return asset;
        var guess = PricedBaseCurrencies.Cast<Asset?>().FirstOrDefault(c => c is { } c0 && SameOrNear(c0, asset));
        throw new FormatException($"'{text}' is not a currency Bitstamp prices, so no value could be computed in it: use "
            + string.Join(", ", PricedBaseCurrencies.Select(c => c.Code)) + (guess is { } g ? $" (did you mean {g.Code}?)" : ""));
    }

    /// <summary>Same letters in another order, or one letter different: a likely typo.</summary>
    private static bool SameOrNear(Asset c, Asset asset) =>
        string.Concat(c.Code.Order()) == string.Concat(asset.Code.Order())
        || c.Code.Length == asset.Code.Length && c.Code.Zip(asset.Code).Count(p => p.First != p.Second) == 1;
}
