using System.Diagnostics;

namespace Livepeer.Core.Tests.Interop;

/// <summary>Runs one node script from tests/js with a JSON request on stdin and returns its stdout.</summary>
internal static class NodeScript
{
    internal static string Run(string relativeScript, string input, TimeSpan timeout)
    {
        var js = RepositoryPaths.JsTests;
        var start = new ProcessStartInfo("node", [Path.Combine(js, relativeScript)])
        {
            WorkingDirectory = js,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"node {relativeScript} did not finish within {timeout}.");
        }
        if (process.ExitCode != 0) Assert.Fail($"node {relativeScript} exited with {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
