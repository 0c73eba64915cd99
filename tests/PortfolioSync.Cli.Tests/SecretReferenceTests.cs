using System.Text.Json;
using PortfolioSync.Bitstamp.Auth;
using PortfolioSync.Cli.Secrets;

namespace PortfolioSync.Cli.Tests;

public sealed class SecretReferenceTests
{
    [Fact]
    public async Task An_env_secret_is_reachable_and_the_key_id_shows_only_its_last_4_characters()
    {
        using var cli = new CliRun();
        cli.Variables["K"] = "abcdefgh1234WXYZ";
        cli.Variables["S"] = "the-secret-value";
        var config = cli.Write("config.json", ConfigFiles.OneAccount("env:K", "env:S"));

        var result = await cli.RunAsync("status", "--config", config);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain("…WXYZ").And.Contain("env:S").And.Contain("yes");
        result.Out.Should().NotContain("abcdefgh1234").And.NotContain("the-secret-value");
    }

    [Fact]
    public async Task A_missing_environment_variable_names_the_account_and_the_variable()
    {
        using var cli = new CliRun();
        cli.Variables["K"] = "key1";
        var config = cli.Write("config.json", ConfigFiles.OneAccount("env:K", "env:MAIN_SECRET"));

        var result = await cli.RunAsync("status", "--config", config);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("account 'main': secret env:MAIN_SECRET: environment variable MAIN_SECRET is not set");
    }

    [Theory]
    [InlineData("check")]
    [InlineData("sync")]
    public async Task Check_and_sync_name_every_unreachable_key_and_secret_at_once_before_any_request(string command)
    {
        using var cli = new CliRun();
        var config = cli.Write("config.json", ConfigFiles.OneAccount("env:MAIN_KEY", "env:MAIN_SECRET"));

        var result = await cli.RunAsync(command, "--config", config);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Be("error: secrets are not reachable:\n"
            + "  account 'main': key env:MAIN_KEY: environment variable MAIN_KEY is not set (export it in the environment that runs portfoliosync)\n"
            + "  account 'main': secret env:MAIN_SECRET: environment variable MAIN_SECRET is not set (export it in the environment that runs portfoliosync)"
            + Environment.NewLine);
    }

    [Fact]
    public async Task A_file_secret_readable_by_others_exits_2_naming_the_file_and_the_fix()
    {
        using var cli = new CliRun();
        var secretFile = cli.Write("keys/main.secret", "s3cr3t\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        cli.Variables["K"] = "key1";
        var config = cli.Write("config.json", ConfigFiles.OneAccount("env:K", "file:~/keys/main.secret"));

        var result = await cli.RunAsync("status", "--config", config);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain(secretFile).And.Contain("mode 0644").And.Contain($"chmod 600 '{secretFile}'");
        result.All.Should().NotContain("s3cr3t");
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite)]
    [InlineData(UnixFileMode.UserRead)]
    public async Task An_owner_only_file_secret_is_reachable(UnixFileMode mode)
    {
        using var cli = new CliRun();
        cli.Write("main.secret", "s3cr3t\n", mode);
        cli.Write("main.key", "keyid-9876\n", mode);
        var config = cli.Write("config.json", ConfigFiles.OneAccount("file:~/main.key", "file:~/main.secret"));

        var result = await cli.RunAsync("status", "--config", config);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain("…9876");
    }

    [Fact]
    public async Task A_command_secret_is_run_without_a_shell_and_its_first_line_used()
    {
        using var cli = new CliRun();
        var script = cli.Write("pm.sh", "#!/bin/sh\nprintf 'the-secret\\nmetadata: x\\n'\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        cli.Variables["K"] = "key1";
        var config = cli.Write("config.json", ConfigFiles.OneAccount("env:K", $"command:{script} show 'bitstamp/main'"));

        var result = await cli.RunAsync("status", "--config", config);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().NotContain("the-secret");
    }

    [Fact]
    public async Task A_failing_command_names_the_account_and_exit_code_and_hides_its_stderr()
    {
        using var cli = new CliRun();
        var script = cli.Write("pm.sh", "#!/bin/sh\necho 'gpg: decryption failed: hunter2-leak' >&2\nexit 3\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        cli.Variables["K"] = "key1";
        var config = cli.Write("config.json", ConfigFiles.OneAccount("env:K", $"command:{script}"));

        var result = await cli.RunAsync("status", "--config", config);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("account 'main'").And.Contain("exited with code 3").And.Contain("not shown");
        result.All.Should().NotContain("hunter2-leak");
    }

    [Fact]
    public async Task A_hanging_command_times_out()
    {
        using var cli = new CliRun { SecretCommandTimeout = TimeSpan.FromMilliseconds(300) };
        cli.Variables["K"] = "key1";
        var config = cli.Write("config.json", ConfigFiles.OneAccount("env:K", "command:sleep 30"));

        var result = await cli.RunAsync("status", "--config", config);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("did not finish within 0.3 s");
    }

    [Theory]
    [InlineData("command:pass show x | head -1", "without a shell")]
    [InlineData("command:echo $SECRET", "without a shell")]
    [InlineData("command:'unclosed", "unclosed")]
    [InlineData("env:1BAD", "variable name")]
    public void Bad_references_are_refused_with_the_reason(string text, string reason)
    {
        SecretReference.TryParse(text, out _, out var problem).Should().BeFalse();
        problem.Should().Contain(reason);
    }

    [Fact]
    public void Quoted_arguments_split_like_a_shell_would_without_expanding_anything()
    {
        CommandLineSplitter.TrySplit("op read \"op://vault/bit stamp/secret\" 'a b' c\\ d", out var argv, out _).Should().BeTrue();

        argv.Should().Equal("op", "read", "op://vault/bit stamp/secret", "a b", "c d");
    }

    [Fact]
    public void A_secret_prints_as_stars_refuses_json_and_compares_by_content()
    {
        var secret = Secret.FromString("abc123");

        secret.ToString().Should().Be("***");
        $"{secret}".Should().Be("***");
        new ApiCredentials(new ApiKeyId("KEY-ABCD-1234"), secret).ToString().Should().NotContain("abc123").And.Contain("…1234");
        var act = () => JsonSerializer.Serialize(new { secret });
        act.Should().Throw<NotSupportedException>();
        secret.Equals(Secret.FromString("abc123")).Should().BeTrue();
        secret.Equals(Secret.FromString("abc124")).Should().BeFalse();
        secret.Use(bytes => bytes.Length).Should().Be(6);
    }

    [Fact]
    public void A_disposed_secret_is_wiped()
    {
        var secret = Secret.FromString("abc");

        secret.Dispose();

        secret.Use(bytes => bytes.ToArray()).Should().OnlyContain(b => b == 0);
    }
}
