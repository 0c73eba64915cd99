using System.Text.Json.Serialization;

namespace PortfolioSync.Cli.Status;

/// <summary>
/// What <c>status --json</c> prints: a script contract, pinned by the golden test (tests/PortfolioSync.Cli.Tests/Golden/
/// status.json). Field names are the camelCase of the properties, in declaration order; a null is written as null,
/// never left out. Paths are as resolved; instants ISO-8601 UTC; balances decimal text as in the CSV.
/// </summary>
public sealed record StatusJson(
    string Config,
    string Store,
    string Lock,
    StatusDefaults Defaults,
    string BaseUrl,
    IReadOnlyList<StatusAccount> Accounts,
    IReadOnlyList<StatusRun> Runs,
    int Warnings,
    IReadOnlyList<StatusWarning> WarningList);

/// <summary>The per-OS default paths (<c>os</c>: linux, macos, windows).</summary>
public sealed record StatusDefaults(string Os, string Config, string Data, string Store);

/// <param name="ImportOnly">An account without a key: only imported records (its key and secret source are "none").</param>
/// <param name="Streams">Per stream name, in the store's order.</param>
/// <param name="Balances">Latest non-zero balance per asset code.</param>
public sealed record StatusAccount(
    string Name,
    bool Main,
    bool ImportOnly,
    StatusKey Key,
    StatusSecret Secret,
    IReadOnlyList<string> Problems,
    IReadOnlyDictionary<string, StatusStream> Streams,
    IReadOnlyDictionary<string, string> Balances);

/// <param name="Id">The key id masked (last four characters), or null when it cannot be read.</param>
public sealed record StatusKey(string Source, string? Id);

/// <param name="Reachable">Whether the secret could be read (it is never printed).</param>
public sealed record StatusSecret(string Source, bool Reachable);

/// <param name="Cursor">The newest external id stored, as text; null before the first page.</param>
/// <param name="LastSync">When the cursor last moved; null before the first page.</param>
public sealed record StatusStream(long Records, long Unmapped, long Versions, string? Cursor, string? LastSync);

public sealed record StatusRun(string Id, string Status, string Started, string? Finished, long Inserted, IReadOnlyList<string> Errors);

public sealed record StatusWarning(string Code, string? Account, string Message);

/// <summary>Source-generated serialization of <see cref="StatusJson"/> (no reflection; indented, camelCase names).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StatusJson))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
