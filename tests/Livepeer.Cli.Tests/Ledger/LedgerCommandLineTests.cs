namespace Livepeer.Cli.Tests.Ledger;

/// <summary>The token-holder commands' help, usage errors (exit 2) and failures that need no ledger (exit 1).</summary>
public sealed class LedgerCommandLineTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("livepeer-ledger-args-").FullName;
    private readonly Dictionary<string, string?> _env = new() { ["LIVEPEER_PASSWORD"] = "unused" };

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public void SigningWithoutAnAccountSaysHowToCreateOne()
    {
        var result = CliProcess.Run(_env, "stake", "bond", "1", "--to", "0x000000000000000000000000000000000000dEaD", "--datadir", _dataDir);
        Assert.Equal(1, result.ExitCode);
        var error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("livepeer account new", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadArgumentsAreUsageErrors()
    {
        const string h = "0x000000000000000000000000000000000000dEaD";
        string[][] cases =
        [
            ["stake", "bond", "abc", "--to", h],
            ["stake", "bond", "-1", "--to", h],
            ["stake", "bond", "1", "--to", "0x1234"],
            ["stake", "bond", "1"],
            ["stake", "rebond", "first"],
            ["eth", "transfer", h, "1 LPT"],
            ["lpt", "transfer", "bob", "1"],
            ["lpt", "balance", h, "--chain-rpc", "not a url"],
            ["orchestrator", "register", "--reward-cut", "120%", "--fee-share", "50%", "--service-uri", "https://a:1"],
            ["orchestrator", "register", "--reward-cut", "10%", "--fee-share", "2000000", "--service-uri", "https://a:1"],
            ["orchestrator", "register", "--reward-cut", "10%", "--fee-share", "50%", "--service-uri", "ftp://a"],
            ["orchestrator", "register", "--reward-cut", "10%", "--fee-share", "50%", "--service-uri", "https://a:1", "--price-per-pixel", "1.5"],
            ["broadcast", "fund"],
            ["gov", "propose", "--set", "Bogus=1", "--description", "x"],
            ["gov", "propose", "--set", "UnbondingPeriod", "--description", "x"],
            ["gov", "propose", "--description", "nothing to do"],
            ["gov", "propose", "--verifiers", h, "--description", "no threshold"],
            ["gov", "vote", "1", "maybe"],
            ["round", "status", "extra"],
        ];
        foreach (var args in cases)
        {
            var result = CliProcess.Run(_env, [.. args, "--datadir", _dataDir]);
            Assert.True(result.ExitCode == 2, $"livepeer {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}");
            Assert.Single(result.Stderr.Split('\n'), l => l.StartsWith("error: ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void AnUnreachableLedgerIsAFailureThatSaysWhereItLooked()
    {
        var result = CliProcess.Run(_env, "lpt", "balance", "0x000000000000000000000000000000000000dEaD", "--chain-rpc", "http://127.0.0.1:9", "--datadir", _dataDir);
        Assert.Equal(1, result.ExitCode);
        var error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:9", error, StringComparison.Ordinal);
        Assert.Contains("livepeer chain", error, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpListsEveryCommandOnOneLineEach()
    {
        var help = CliProcess.Run(new Dictionary<string, string?>(), "--help");
        Assert.Equal(0, help.ExitCode);
        foreach (var command in new[] { "account", "chain", "lpt", "eth", "stake", "orchestrator", "broadcast", "round", "gov" })
            Assert.Single(help.Stdout.Split('\n'), l => l.TrimStart().StartsWith(command + " ", StringComparison.Ordinal));
        foreach (var (group, subcommands) in new[]
                 {
                     ("stake", "bond unbond rebond withdraw-stake withdraw-fees claim status"), ("orchestrator", "register list reward"),
                     ("broadcast", "fund unlock cancel-unlock withdraw status"), ("gov", "propose vote execute list show parameters"),
                 })
        {
            var groupHelp = CliProcess.Run(new Dictionary<string, string?>(), group, "--help").Stdout;
            foreach (var sub in subcommands.Split(' '))
                Assert.Single(groupHelp.Split('\n'), l => l.TrimStart().StartsWith(sub + " ", StringComparison.Ordinal));
        }
        var register = CliProcess.Run(new Dictionary<string, string?>(), "orchestrator", "register", "--help");
        Assert.Contains("orchestrator.json", register.Stdout, StringComparison.Ordinal);
        Assert.Contains("--chain-rpc", register.Stdout, StringComparison.Ordinal);
    }
}
