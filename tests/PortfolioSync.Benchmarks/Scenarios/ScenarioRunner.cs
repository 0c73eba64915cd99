namespace PortfolioSync.Benchmarks.Scenarios;

/// <summary>Runs one named whole-process scenario and prints its figures.</summary>
internal static class ScenarioRunner
{
    private static readonly Dictionary<string, Func<string[], int>> Scenarios = new(StringComparer.Ordinal)
    {
        ["bittytax-compare"] = BittyTaxCompareScenario.Run,
        ["bittytax-export"] = BittyTaxExportScenario.Run,
        ["dashboard-open"] = DashboardOpenScenario.Run,
        ["engine"] = Engine.EngineScenario.Run,
        ["ledger-read"] = LedgerReadScenario.Run,
        ["sync"] = SyncScenario.Run,
        ["store-load"] = StoreLoadScenario.Load,
        ["store-nightly"] = StoreLoadScenario.Nightly,
        ["store-verify"] = StoreLoadScenario.Verify,
        ["store-backup"] = StoreLoadScenario.Backup,
        ["store-migrate8"] = StoreLoadScenario.Migrate8,
    };

    public static int Run(string[] args)
    {
        if (args.Length == 0 || !Scenarios.TryGetValue(args[0], out var scenario))
        {
            Console.Error.WriteLine($"usage: scenario <{string.Join('|', Scenarios.Keys.Order(StringComparer.Ordinal))}> [options]");
            return 2;
        }
        return scenario(args[1..]);
    }
}
