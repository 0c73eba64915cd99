using System.Text.Json;
using PortfolioSync.Cli.Hosting;

namespace PortfolioSync.Cli.Tests;

/// <summary>Default config, data and lock locations per OS, from an injected environment (any OS runs every case).</summary>
public sealed class AppPathsTests
{
    private static AppPaths For(HostOs os, string home, params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return AppPaths.For(os, n => map.TryGetValue(n, out var v) && v.Length > 0 ? v : null, home);
    }

    [Fact]
    public void Linux_follows_XDG_defaults()
    {
        var p = For(HostOs.Linux, "/home/ann");

        p.ConfigFile.Should().Be("/home/ann/.config/portfoliosync/config.json");
        p.DataDirectory.Should().Be("/home/ann/.local/share/portfoliosync");
        p.StoreFile.Should().Be("/home/ann/.local/share/portfoliosync/portfoliosync.db");
        p.LockFile.Should().Be("/home/ann/.local/share/portfoliosync/portfoliosync.db.lock");
    }

    [Fact]
    public void Linux_honours_XDG_variables_and_ignores_relative_ones_as_the_specification_says()
    {
        For(HostOs.Linux, "/home/ann", ("XDG_CONFIG_HOME", "/cfg"), ("XDG_DATA_HOME", "/data/x")).Should().Match<AppPaths>(p =>
            p.ConfigFile == "/cfg/portfoliosync/config.json" && p.StoreFile == "/data/x/portfoliosync/portfoliosync.db");
        For(HostOs.Linux, "/home/ann", ("XDG_CONFIG_HOME", "rel/cfg"), ("XDG_DATA_HOME", "")).Should().Match<AppPaths>(p =>
            p.ConfigFile == "/home/ann/.config/portfoliosync/config.json" && p.DataDirectory == "/home/ann/.local/share/portfoliosync");
    }

    [Fact]
    public void MacOS_uses_Application_Support_and_not_XDG()
    {
        var p = For(HostOs.MacOS, "/Users/ann", ("XDG_CONFIG_HOME", "/cfg"));

        p.ConfigFile.Should().Be("/Users/ann/Library/Application Support/portfoliosync/config.json");
        p.StoreFile.Should().Be("/Users/ann/Library/Application Support/portfoliosync/portfoliosync.db");
        p.LockFile.Should().Be("/Users/ann/Library/Application Support/portfoliosync/portfoliosync.db.lock");
    }

    [Fact]
    public void Windows_keeps_the_config_in_APPDATA_and_the_store_in_LOCALAPPDATA()
    {
        var p = For(HostOs.Windows, @"C:\Users\ann", ("APPDATA", @"D:\Profiles\ann\Roaming"), ("LOCALAPPDATA", @"C:\Users\ann\AppData\Local"));

        p.ConfigFile.Should().Be(@"D:\Profiles\ann\Roaming\portfoliosync\config.json");
        p.DataDirectory.Should().Be(@"C:\Users\ann\AppData\Local\portfoliosync");
        p.StoreFile.Should().Be(@"C:\Users\ann\AppData\Local\portfoliosync\portfoliosync.db");
        p.LockFile.Should().Be(@"C:\Users\ann\AppData\Local\portfoliosync\portfoliosync.db.lock");
    }

    [Fact]
    public void Windows_without_the_variables_falls_back_to_the_profile_folders()
    {
        var p = For(HostOs.Windows, @"C:\Users\ann", ("APPDATA", "relative"));

        p.ConfigFile.Should().Be(@"C:\Users\ann\AppData\Roaming\portfoliosync\config.json");
        p.StoreFile.Should().Be(@"C:\Users\ann\AppData\Local\portfoliosync\portfoliosync.db");
    }

    [Fact]
    public async Task Status_finds_the_config_at_the_XDG_location_and_shows_the_defaults_and_the_lock()
    {
        using var cli = new CliRun { Os = HostOs.Linux };
        cli.Variables["XDG_CONFIG_HOME"] = cli.PathIn("xdg-config");
        cli.Variables["XDG_DATA_HOME"] = cli.PathIn("xdg-data");
        cli.Variables["K"] = "key1";
        cli.Variables["S"] = "secret1";
        var config = cli.Write("xdg-config/portfoliosync/config.json", ConfigFiles.OneAccount("env:K", "env:S").Replace("\"store\": \"store/portfoliosync.db\",", "", StringComparison.Ordinal));

        var text = await cli.RunAsync("status");
        var json = await cli.RunAsync("status", "--json");

        text.ExitCode.Should().Be(0, text.Error);
        text.Out.Should().Contain($"config   {config}")
            .And.Contain($"defaults linux: config {config}, data {cli.PathIn("xdg-data/portfoliosync")}")
            .And.Contain($"lock     {cli.PathIn("xdg-data/portfoliosync/portfoliosync.db.lock")}");
        using var doc = JsonDocument.Parse(json.Out);
        doc.RootElement.GetProperty("store").GetString().Should().Be(cli.PathIn("xdg-data/portfoliosync/portfoliosync.db"));
        doc.RootElement.GetProperty("defaults").GetProperty("os").GetString().Should().Be("linux");
    }

    [Fact]
    public async Task On_macOS_status_looks_for_the_config_in_Application_Support()
    {
        using var cli = new CliRun { Os = HostOs.MacOS };
        cli.Variables["K"] = "key1";
        cli.Variables["S"] = "secret1";
        var config = cli.Write("Library/Application Support/portfoliosync/config.json", ConfigFiles.OneAccount("env:K", "env:S"));

        var result = await cli.RunAsync("status");

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain($"config   {config}").And.Contain("defaults macos:");
    }
}
