namespace Livepeer.Cli.Tests.Commands;

/// <summary>The operator options of `livepeer broadcaster` and `livepeer media`: listed in help, bad values refused by name before anything starts.</summary>
public sealed class BroadcasterOperatorOptionsTests
{
    private static readonly Dictionary<string, string?> Password = new() { ["LIVEPEER_PASSWORD"] = "x" };

    [Theory]
    [InlineData("broadcaster", new[] { "--rtmp-addr", "--http-addr", "--auth-webhook-url", "--record-dir", "--max-ticket-ev", "--max-total-ev", "--max-face-value", "--deposit-multiplier" })]
    [InlineData("media", new[] { "--rtmp-addr", "--http-addr", "--auth-webhook-url", "--record-dir" })]
    public void HelpListsTheOperatorOptions(string command, string[] options)
    {
        var help = CliProcess.Run(new Dictionary<string, string?>(), command, "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.All(options, o => Assert.Contains(o, help.Stdout));
    }

    [Theory]
    [InlineData("--auth-webhook-url", "ftp://example/auth", "--auth-webhook-url")]
    [InlineData("--auth-webhook-url", "not a url", "--auth-webhook-url")]
    [InlineData("--max-ticket-ev", "lots", "--max-ticket-ev")]
    [InlineData("--max-face-value", "-1", "--max-face-value")]
    [InlineData("--deposit-multiplier", "0", "DepositMultiplier")]
    [InlineData("--max-total-ev", "1", "MaxTotalEV")]
    public void BadBroadcasterValuesAreUsageErrors(string option, string value, string named)
    {
        var result = CliProcess.Run(Password, "broadcaster", option, value, "--datadir", Path.GetTempPath(), "--orch-addr", "https://127.0.0.1:1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.Stderr);
    }

    [Fact]
    public void MediaRefusesABadWebhookUrl()
    {
        var result = CliProcess.Run(new Dictionary<string, string?>(), "media", "--auth-webhook-url", "relative/auth");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--auth-webhook-url", result.Stderr);
    }
}
