using System.Diagnostics;

namespace Livepeer.Cli.Tests;

/// <summary>Runs the built `livepeer` CLI (livepeer.dll next to the tests) as a child process with a controlled environment.</summary>
internal static class CliProcess
{
    internal sealed record Result(int ExitCode, string Stdout, string Stderr);

    internal static Result Run(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, // no terminal: the CLI must not prompt
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "livepeer.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("LIVEPEER_PASSWORD");
        start.Environment.Remove("LIVEPEER_DATADIR");
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"livepeer {string.Join(' ', args)} did not finish within 60 s.");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
