namespace PortfolioSync.Cli.Tests;

/// <summary>A temp folder that lives as long as the test process: for files built once and copied by many tests.</summary>
internal static class ProcessTempFolder
{
    public static string Create(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        };
        return folder;
    }
}
