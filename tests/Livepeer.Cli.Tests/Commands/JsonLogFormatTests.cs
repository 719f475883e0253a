using System.Diagnostics;
using System.Text.Json;

namespace Livepeer.Cli.Tests.Commands;

/// <summary>`--log-format json`: a node command writes one JSON object per stdout line, with the log template's named fields.</summary>
public sealed class JsonLogFormatTests
{
    [Fact]
    public async Task TheLedgerLogsJsonLinesWithTemplateFields()
    {
        var dir = Directory.CreateTempSubdirectory("livepeer-jsonlog-").FullName;
        var genesis = Path.Combine(dir, "genesis.json");
        await File.WriteAllTextAsync(genesis, """{ "preset": "devnet", "startBlock": 0, "allocations": [] }""");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "livepeer.dll"), "chain", "--log-format", "json", "--datadir", dir, "--genesis", genesis, "--rpc", "127.0.0.1:0" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        try
        {
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            JsonElement? started = null;
            while (started is null && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                using var entry = JsonDocument.Parse(line); // every stdout line is one JSON object
                Assert.Equal(JsonValueKind.Object, entry.RootElement.ValueKind);
                Assert.True(entry.RootElement.TryGetProperty("Timestamp", out _), line);
                if (entry.RootElement.GetProperty("State").TryGetProperty("ChainId", out _)) started = entry.RootElement.Clone();
            }
            Assert.True(started is not null, "no start-up log line; stderr: " + (process.HasExited ? await stderr : ""));
            var state = started.Value.GetProperty("State");
            Assert.Equal("1337", state.GetProperty("ChainId").GetString());
            Assert.StartsWith("http://127.0.0.1:", state.GetProperty("Rpc").GetString());
            Assert.Equal("Ledger chain {ChainId} serving JSON-RPC on {Rpc} at head block {Head}, round {Round}", state.GetProperty("{OriginalFormat}").GetString());
            Assert.Equal("Information", started.Value.GetProperty("LogLevel").GetString());
            Assert.Equal(4000, started.Value.GetProperty("EventId").GetInt32()); // the source-generated CliLog line, in the Cli's range
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException) { }
        }
    }
}
