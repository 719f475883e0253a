namespace Livepeer.Cli.Tests.Commands;

public sealed class VerificationCommandsTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cli-verify-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public void MisbehaviourIsHiddenAndRefusedWithoutTheEnvironmentSwitch()
    {
        var help = CliProcess.Run(new Dictionary<string, string?>(), "orchestrator", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.DoesNotContain("--misbehave", help.Stdout);

        var refused = CliProcess.Run(new Dictionary<string, string?> { ["LIVEPEER_ALLOW_MISBEHAVIOUR"] = null },
            "orchestrator", "--misbehave", "equivocate", "--datadir", _dataDir);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("LIVEPEER_ALLOW_MISBEHAVIOUR=1", refused.Stderr);

        var unknown = CliProcess.Run(new Dictionary<string, string?> { ["LIVEPEER_ALLOW_MISBEHAVIOUR"] = "1" },
            "orchestrator", "--misbehave", "lie", "--datadir", _dataDir);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("tamper-video", unknown.Stderr);
    }

    [Fact]
    public void TheVerifierAndTheBroadcasterVerificationOptionsAreDocumented()
    {
        var verifier = CliProcess.Run(new Dictionary<string, string?>(), "verifier", "--help");
        Assert.Equal(0, verifier.ExitCode);
        Assert.Contains("verifier set", verifier.Stdout);
        var broadcaster = CliProcess.Run(new Dictionary<string, string?>(), "broadcaster", "--help");
        Assert.Contains("--perceptual-share", broadcaster.Stdout);
        Assert.Contains("--verify-perceptual", broadcaster.Stdout);
        var bad = CliProcess.Run(new Dictionary<string, string?>(), "broadcaster", "--perceptual-share", "2", "--datadir", _dataDir);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("PerceptualShare", bad.Stderr);
    }
}
