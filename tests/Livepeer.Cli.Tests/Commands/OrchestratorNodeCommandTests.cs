namespace Livepeer.Cli.Tests.Commands;

/// <summary>`livepeer orchestrator` refuses transcoder settings that cannot work, before it unlocks a key or reaches a ledger.</summary>
public sealed class OrchestratorNodeCommandTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cli-orchestrator-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public void NoLocalTranscoderNeedsASecretAndTheSecretCannotBeEmpty()
    {
        var withoutSecret = CliProcess.Run(new Dictionary<string, string?>(), "orchestrator", "--datadir", _dataDir, "--no-local-transcoder");
        Assert.Equal(2, withoutSecret.ExitCode);
        Assert.Contains("--orch-secret", withoutSecret.Stderr);

        var emptySecret = CliProcess.Run(new Dictionary<string, string?>(), "orchestrator", "--datadir", _dataDir, "--orch-secret", "");
        Assert.Equal(2, emptySecret.ExitCode);
        Assert.Contains("--orch-secret is empty", emptySecret.Stderr);
    }

    [Fact]
    public void HelpListsTheRemoteTranscoderOptions()
    {
        var help = CliProcess.Run(new Dictionary<string, string?>(), "orchestrator", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--orch-secret", help.Stdout);
        Assert.Contains("--no-local-transcoder", help.Stdout);
        Assert.Contains("--transcode-sessions", help.Stdout);
    }

    [Fact]
    public void AnUnknownSessionModeIsAUsageErrorNamingTheModes()
    {
        var run = CliProcess.Run(new Dictionary<string, string?>(), "orchestrator", "--datadir", _dataDir, "--transcode-sessions", "sometimes");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--transcode-sessions 'sometimes' must be pre-start or long-lived", run.Stderr);
    }
}
