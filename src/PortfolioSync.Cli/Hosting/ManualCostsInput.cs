using PortfolioSync.Cli.Config;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Reports.Input;

namespace PortfolioSync.Cli.Hosting;

/// <summary>The config's manual costs file, read the same way by report, value and dashboard.</summary>
public static class ManualCostsInput
{
    /// <summary>Reads the config's manual costs file, if any; a bad file is a usage error naming file, line and column.</summary>
    public static IReadOnlyList<ManualCost> Read(AppConfig config)
    {
        if (config.ManualCostsPath is not { } path) return [];
        try
        {
            return ManualCostsFile.Read(path);
        }
        catch (ManualCostsException e)
        {
            throw new CliException(e.Message + "; nothing was written", ExitCode.Usage, e);
        }
    }
}
