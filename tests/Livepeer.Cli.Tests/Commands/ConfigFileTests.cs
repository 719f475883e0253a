using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Livepeer.Cli.Tests.Commands;

/// <summary>--config FILE (YAML of the command's flags) and LIVEPEER_* variables on `livepeer media` and `livepeer broadcaster`.</summary>
public sealed class ConfigFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cli-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void AnUnknownKeyIsAClearUsageError()
    {
        var result = CliProcess.Run(new Dictionary<string, string?>(), "media", "--config", Write("rtmp-adr: 0.0.0.0:1935\n"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown key 'rtmp-adr'", result.Stderr);
        Assert.Contains("rtmp-addr", result.Stderr); // the keys it does take
    }

    [Fact]
    public void BadYamlAndAMissingFileAreUsageErrors()
    {
        var yaml = CliProcess.Run(new Dictionary<string, string?>(), "media", "--config", Write("rtmp-addr: [unclosed\n"));
        Assert.Equal(2, yaml.ExitCode);
        Assert.Contains("not valid YAML", yaml.Stderr);
        var missing = CliProcess.Run(new Dictionary<string, string?>(), "media", "--config", Path.Combine(_dir, "nope.yaml"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("cannot read", missing.Stderr);
    }

    [Fact]
    public void FileValuesAndVariablesReachTheOptions()
    {
        // A bad value from the file is refused by the option's own check, named.
        var fromFile = CliProcess.Run(new Dictionary<string, string?> { ["LIVEPEER_PASSWORD"] = "x" }, "broadcaster", "--datadir", _dir, "--orch-addr", "https://127.0.0.1:1",
            "--config", Write("max-ticket-ev: lots\ndeposit-multiplier: 2\n"));
        Assert.Equal(2, fromFile.ExitCode);
        Assert.Contains("--max-ticket-ev 'lots'", fromFile.Stderr);
        var fromVariable = CliProcess.Run(new Dictionary<string, string?> { ["LIVEPEER_HTTP_ADDR"] = "127.0.0.1:70000" }, "media", "--config", Write("profiles: P144p30fps16x9\n"));
        Assert.Equal(2, fromVariable.ExitCode);
        Assert.Contains("--http-addr", fromVariable.Stderr);
    }

    [Fact]
    public async Task ANodeRunsFromItsFileTheEnvironmentBeatsTheFileAndTheCommandLineBeatsBoth()
    {
        var config = Write("""
            # livepeer media, reproducible from this file
            rtmp-addr: 127.0.0.1:0
            http-addr: "127.0.0.1:70000"
            profiles: P144p30fps16x9
            ended-retention: 5
            """);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "livepeer.dll"));
        foreach (var a in new[] { "media", "--config", config, "--rtmp-addr", "127.0.0.1:0" }) start.ArgumentList.Add(a);
        start.Environment["LIVEPEER_RTMP_ADDR"] = "nowhere"; // the command line wins over it
        start.Environment["LIVEPEER_HTTP_ADDR"] = "[::1]:0"; // wins over the file's unusable port
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var seen = new List<string>();
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"livepeer media exited: {string.Join('\n', seen)}\n{await process.StandardError.ReadToEndAsync()}");
                seen.Add(line);
                if (Regex.IsMatch(line, @"publish to rtmp://127\.0\.0\.1:\d+/live/STREAM_KEY, play http://\[::1\]:\d+/hls/")) break;
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
