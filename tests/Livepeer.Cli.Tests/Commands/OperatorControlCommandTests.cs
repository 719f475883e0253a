using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Livepeer.Cli.Tests.Commands;

/// <summary>
/// What an operator runs: --config (YAML or TOML) on every node command with a clear error for an unknown key; the
/// control port's loopback rule; a standalone `livepeer broadcaster` serving the dashboard and its API, and changed at
/// runtime with `livepeer control broadcaster ...`.
/// </summary>
public sealed class OperatorControlCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cli-operator-").FullName;
    private static readonly Dictionary<string, string?> Password = new() { ["LIVEPEER_PASSWORD"] = "x" };

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("orchestrator", "toml", "max-sesions = 3\n", "max-sesions")]
    [InlineData("transcoder", "toml", "orch-addr = \"https://127.0.0.1:1\"\norch-secret = \"s\"\ncapacity = 2\nthreads = 4\n", "threads")]
    [InlineData("verifier", "yaml", "poll-seconds: 1\nfrom-blok: 3\n", "from-blok")]
    public void AnUnknownKeyNamesTheKeyAndTheFile(string command, string extension, string text, string key)
    {
        var file = Write($"{command}.{extension}", text);
        var result = CliProcess.Run(Password, command, "--datadir", _dir, "--config", file);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"unknown key '{key}'", result.Stderr);
        Assert.Contains(file, result.Stderr);
    }

    [Fact]
    public void TomlValuesReachTheOrchestratorsOptionsAndBadTomlIsClear()
    {
        var values = CliProcess.Run(Password, "orchestrator", "--datadir", _dir, "--config", Write("orch.toml", "price-per-unit = 0.5\npixels-per-unit = 1000\nticket-ev = \"lots\"\n"));
        Assert.Equal(2, values.ExitCode);
        Assert.Contains("--ticket-ev 'lots'", values.Stderr);
        var bad = CliProcess.Run(Password, "orchestrator", "--datadir", _dir, "--config", Write("bad.toml", "price-per-unit = = 3\n"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("not valid TOML", bad.Stderr);
        var price = CliProcess.Run(Password, "orchestrator", "--datadir", _dir, "--price-per-unit", "1", "--pixels-per-unit", "0");
        Assert.Equal(2, price.ExitCode);
        Assert.Contains("pixels per unit", price.Stderr);
    }

    [Theory]
    [InlineData("orchestrator")]
    [InlineData("broadcaster")]
    public void AControlPortBeyondLoopbackIsRefusedUnlessAllowed(string command)
    {
        string[] extra = command == "broadcaster" ? ["--orch-addr", "https://127.0.0.1:1"] : [];
        var result = CliProcess.Run(Password, [command, "--datadir", _dir, .. extra, "--control-addr", "0.0.0.0:7999"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--control-allow-remote", result.Stderr);
    }

    [Fact]
    public async Task AStandaloneBroadcasterServesTheDashboardAndIsControlledAtRuntime()
    {
        var account = CliProcess.Run(Password, "account", "new", "--light-kdf", "--datadir", _dir);
        Assert.True(account.ExitCode == 0, account.Stderr);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "livepeer.dll"));
        foreach (var a in new[] { "broadcaster", "--datadir", _dir, "--orch-addr", "https://127.0.0.1:1", "--rtmp-addr", "127.0.0.1:0", "--http-addr", "127.0.0.1:0",
                     "--control-addr", "127.0.0.1:0", "--profiles", "P240p30fps16x9" })
            start.ArgumentList.Add(a);
        start.Environment["LIVEPEER_PASSWORD"] = "x";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        try
        {
            var dashboard = new Uri((await CliProcess.ReadUntilAsync(process, @"dashboard: (http://\S+)")).Groups[1].Value);
            var control = (await CliProcess.ReadUntilAsync(process, @"control: http://(127\.0\.0\.1:\d+)/")).Groups[1].Value;

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var page = await http.GetStringAsync(dashboard);
            Assert.Contains("app.js", page);
            using (var script = await http.GetAsync(new Uri(dashboard, "app.js"))) Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            var status = JsonNode.Parse(await http.GetStringAsync(new Uri(dashboard, "api/status")))!;
            Assert.NotNull(status["streams"]);
            Assert.NotNull(status["orchestrators"]);

            var ladder = CliProcess.Run(new Dictionary<string, string?>(), "control", "broadcaster", "ladder", "P144p30fps16x9,P360p30fps16x9", "--control-addr", control, "--json");
            Assert.True(ladder.ExitCode == 0, ladder.Stderr);
            Assert.Equal(["P144p30fps16x9", "P360p30fps16x9"], JsonNode.Parse(ladder.Stdout)!["ladder"]!.AsArray().Select(n => n!.GetValue<string>()));
            var cap = CliProcess.Run(new Dictionary<string, string?>(), "control", "broadcaster", "max-price", "1", "--pixels-per-unit", "2000", "--control-addr", control);
            Assert.True(cap.ExitCode == 0, cap.Stderr);
            Assert.Contains("max price: 1 wei per 2000 pixels", cap.Stdout);
            var refused = CliProcess.Run(new Dictionary<string, string?>(), "control", "broadcaster", "ladder", "P9000p", "--control-addr", control);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("P9000p", refused.Stderr);
            var sessions = CliProcess.Run(new Dictionary<string, string?>(), "control", "broadcaster", "sessions", "--control-addr", control);
            Assert.Contains("ladder: P144p30fps16x9,P360p30fps16x9", sessions.Stdout);

            var nobody = CliProcess.Run(new Dictionary<string, string?>(), "control", "orchestrator", "sessions", "--control-addr", "127.0.0.1:1");
            Assert.Equal(1, nobody.ExitCode);
            Assert.Contains("no control port answers", nobody.Stderr);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
