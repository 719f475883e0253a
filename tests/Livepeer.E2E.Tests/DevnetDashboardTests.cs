using System.Diagnostics;
using System.Text.Json;

namespace Livepeer.E2E.Tests;

/// <summary>
/// The project's main job as a newcomer meets it: `livepeer devnet --demo` from a fresh data directory, and the dashboard
/// in Debian's headless Chromium shows the demo playing with several renditions, three active orchestrators, and a round
/// passing with rewards. The screenshot is kept in test-artifacts/.
/// </summary>
public sealed class DevnetDashboardTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("devnet-e2e-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheDemoPlaysInTheDashboardWithThreeActiveOrchestratorsAndRewards()
    {
        var js = Livepeer.Core.Tests.Interop.RepositoryPaths.JsTests;
        Assert.True(File.Exists(Path.Combine(js, "node_modules", "playwright-core", "package.json")), "tests/js/node_modules is missing: run ./test.sh (it runs npm ci).");
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "web", "vendor", "hls.min.js")), "The dashboard's vendor scripts were not built in: run npm ci in web/ (./test.sh does it).");
        await using var devnet = await DevnetProcess.StartAsync(Path.Combine(_dir, "data"), TimeSpan.FromMinutes(3), "--demo");

        var artifacts = Path.Combine(Livepeer.Core.Tests.Interop.RepositoryPaths.Root, "test-artifacts");
        Directory.CreateDirectory(artifacts);
        var screenshot = Path.Combine(artifacts, "devnet-dashboard.png");
        var node = Process.Start(new ProcessStartInfo("node", [Path.Combine(js, "dashboard.mjs"), devnet.Dashboard.ToString(), screenshot, "120"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = js,
        })!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));
        var report = (await stdout).Trim();
        Assert.True(node.ExitCode == 0, $"The dashboard check failed: {report}\n{await stderr}\nDevnet output:\n{devnet.Output}");
        var r = JsonDocument.Parse(report).RootElement;
        Assert.True(r.GetProperty("playing").GetBoolean());
        Assert.True(r.GetProperty("renditions").GetInt32() > 1);
        Assert.Equal(3, r.GetProperty("activeOrchestrators").GetInt32());
        Assert.True(File.Exists(screenshot));
    }
}
