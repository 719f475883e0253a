using System.Diagnostics;
using System.Text.RegularExpressions;

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

    /// <summary>Starts a long-running command (a node); the caller reads its output and kills it.</summary>
    internal static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "livepeer.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Reads <paramref name="process"/>'s output until a line matches <paramref name="pattern"/> (90 s at most).</summary>
    internal static async Task<Match> ReadUntilAsync(Process process, string pattern)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var seen = new List<string>();
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"livepeer exited before printing /{pattern}/: {string.Join('\n', seen)}\n{await process.StandardError.ReadToEndAsync()}");
            seen.Add(line);
            if (Regex.Match(line, pattern) is { Success: true } match) return match;
        }
    }
}
