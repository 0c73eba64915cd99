using System.Globalization;
using System.Security;

namespace PortfolioSync.Cli.Hosting;

/// <summary>
/// The nightly job per OS, as printed by <c>schedule print</c> and shown in docs/nightly.md. Every recipe reads the
/// secrets' environment file, when there is one, as a shell does (so <c>export NAME=value</c> lines work everywhere), creates its log
/// folder, and dates each run in the log with its start, its output (the sync's plain lines and summary) and its exit
/// code.
/// </summary>
public static class NightlyRecipes
{
    /// <summary>The home folder the docs show: <c>/home/you</c>, <c>/Users/you</c>, <c>C:\Users\you</c>.</summary>
    public static string ConventionalHome(HostOs os) => os switch
    {
        HostOs.Windows => @"C:\Users\you",
        HostOs.MacOS => "/Users/you",
        _ => "/home/you",
    };

    /// <summary>Where README's Install puts the program when it is not run from an installed copy.</summary>
    public static string DefaultProgram(HostOs os, string home) => os switch
    {
        HostOs.Windows => home + @"\.dotnet\tools\portfoliosync.exe",
        _ => home.TrimEnd('/') + "/.local/bin/portfoliosync",
    };

    public static string For(HostOs os, string program, string config, string home) => os switch
    {
        HostOs.Windows => Windows(program, config),
        HostOs.MacOS => MacOS(program, config, home),
        _ => Linux(program, config, home),
    };

    /// <summary>The environment file beside the config (owner-only, <c>export NAME=value</c> lines).</summary>
    public static string EnvFile(string config, HostOs os) =>
        config[..Math.Max(0, config.LastIndexOf(os == HostOs.Windows ? '\\' : '/'))] + (os == HostOs.Windows ? @"\env" : "/env");

    /// <summary>The shell commands of one run: dated start, the sync with the env file read (if there is one), dated exit code.</summary>
    public static string RunScript(string program, string config, string log, bool forCron)
    {
        var pct = forCron ? "\\%" : "%";   // cron turns a bare % into a newline
        var date = $"$(date -u +{pct}Y-{pct}m-{pct}dT{pct}H:{pct}M:{pct}SZ)";
        var folder = log[..log.LastIndexOf('/')];
        // The env file is read when there is one: with file: or command: secrets only there is none, and a plain '.' of
        // a missing file would end the shell before the sync every night.
        var env = EnvFile(config, HostOs.Linux);
        return $"mkdir -p '{folder}' && {{ echo \"== {date} sync start\"; {{ [ ! -e '{env}' ] || . '{env}'; }} && '{program}' --config '{config}' sync; echo \"== {date} sync exit $?\"; }} >> '{log}' 2>&1";
    }

    private static string Linux(string program, string config, string home)
    {
        var log = home.TrimEnd('/') + "/.local/state/portfoliosync/sync.log";
        var script = RunScript(program, config, log, forCron: false);
        return string.Create(CultureInfo.InvariantCulture, $$"""
            # --- cron: add with 'crontab -e' (every night at 03:17; the log is {{log}})
            17 3 * * * {{RunScript(program, config, log, forCron: true)}}

            # --- systemd user units: ~/.config/systemd/user/portfoliosync.service
            [Unit]
            Description=PortfolioSync nightly Bitstamp sync
            Wants=network-online.target
            After=network-online.target

            [Service]
            Type=oneshot
            # The shell reads the env file (export NAME=value lines) as cron does; the log gets dated runs.
            ExecStart=/bin/sh -c "{{script.Replace("\"", "\\\"", StringComparison.Ordinal).Replace("$", "$$", StringComparison.Ordinal).Replace("%", "%%", StringComparison.Ordinal)}}"
            Nice=10

            # --- ~/.config/systemd/user/portfoliosync.timer
            [Unit]
            Description=Run PortfolioSync every night

            [Timer]
            OnCalendar=*-*-* 03:17:00
            RandomizedDelaySec=15min
            Persistent=true

            [Install]
            WantedBy=timers.target

            # then: systemctl --user daemon-reload && systemctl --user enable --now portfoliosync.timer

            """);
    }

    private static string MacOS(string program, string config, string home)
    {
        var log = home.TrimEnd('/') + "/Library/Logs/portfoliosync/sync.log";
        var script = SecurityElement.Escape(RunScript(program, config, log, forCron: false));
        return $$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- ~/Library/LaunchAgents/net.portfoliosync.sync.plist: every night at 03:17; the log is {{SecurityElement.Escape(log)}}
                 then: launchctl bootstrap gui/$(id -u) ~/Library/LaunchAgents/net.portfoliosync.sync.plist -->
            <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
            <plist version="1.0">
            <dict>
              <key>Label</key>
              <string>net.portfoliosync.sync</string>
              <key>ProgramArguments</key>
              <array>
                <string>/bin/sh</string>
                <string>-c</string>
                <string>{{script}}</string>
              </array>
              <key>StartCalendarInterval</key>
              <dict>
                <key>Hour</key>
                <integer>3</integer>
                <key>Minute</key>
                <integer>17</integer>
              </dict>
              <key>Nice</key>
              <integer>10</integer>
            </dict>
            </plist>

            """;
    }

    private static string Windows(string program, string config)
    {
        // schtasks runs the program directly; secrets come from command: references (e.g. Get-Secret) or user
        // environment variables (setx), and Task Scheduler's history keeps each run's exit code.
        var tr = $"\\\"{program}\\\" --config \\\"{config}\\\" sync";
        return $"""
            REM Task Scheduler: every night at 03:17 (cmd.exe or PowerShell; /F replaces an earlier task of that name)
            schtasks /Create /TN "PortfolioSync nightly sync" /SC DAILY /ST 03:17 /F /TR "{tr}"
            REM check it: schtasks /Query /TN "PortfolioSync nightly sync" /V /FO LIST

            """;
    }
}
