namespace Livepeer.Cli.Tests.Commands;

/// <summary>Long commands draw their progress bar only on an interactive stderr: piped output holds the results alone.</summary>
public sealed class ProgressOutputTests
{
    [Fact]
    public void SimPipedPrintsItsResultsWithoutAProgressBar()
    {
        var dir = Directory.CreateTempSubdirectory("livepeer-sim-").FullName;
        try
        {
            var result = CliProcess.Run(new Dictionary<string, string?>(), "sim", "--rounds", "20", "--orchestrators", "3", "--delegators", "5", "--out", dir);
            Assert.True(result.ExitCode == 0, result.Stderr);
            Assert.Contains("done", result.Stdout);
            Assert.DoesNotContain("simulating rounds", result.Stdout);
            Assert.Equal("", result.Stderr);
            Assert.Equal(21, File.ReadAllLines(Path.Combine(dir, "sim.csv")).Length); // header + one line per round
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
