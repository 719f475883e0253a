using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Livepeer.Cli.Tests.Architecture;

/// <summary>
/// Logging goes through source-generated [LoggerMessage] methods with an event id in the concern's range (README,
/// "Where each concern lives"), as Kestrel's does: no ILogger extension calls in src/, and no event id used twice.
/// </summary>
public sealed partial class LoggingConventionTests
{
    /// <summary>Event-id ranges by namespace; the longest matching prefix wins.</summary>
    private static readonly (string Namespace, int First, int Last)[] Ranges =
    [
        ("Livepeer.Core", 1000, 1099),
        ("Livepeer.Protocol", 1100, 1199),
        ("Livepeer.Chain", 1200, 1399),
        ("Livepeer.Ethereum", 1400, 1599),
        ("Livepeer.Wire", 1600, 1699),
        ("Livepeer.Media.Rtmp", 2000, 2099),
        ("Livepeer.Media.Ingest", 2100, 2199),
        ("Livepeer.Media.Http", 2200, 2299),
        ("Livepeer.Media.Hls", 2200, 2299),
        ("Livepeer.Media.Dash", 2200, 2299),
        ("Livepeer.Media.Transcoding", 2300, 2399),
        ("Livepeer.Media", 2400, 2499),
        ("Livepeer.Node.Broadcaster", 3000, 3199),
        ("Livepeer.Node.Orchestrator", 3200, 3399),
        ("Livepeer.Node.Transcoder", 3400, 3499),
        ("Livepeer.Node.Payments", 3500, 3599),
        ("Livepeer.Node.Broadcaster.Verification", 3600, 3699),
        ("Livepeer.Node.Verifier", 3600, 3699),
        ("Livepeer.Node.Devnet", 3700, 3799),
        ("Livepeer.Node", 3800, 3999),
        ("Livepeer.Cli", 4000, 4199),
    ];

    // logger.LogWarning(...), logger?.Log(...), also split over lines; Math.Log and the like are not loggers.
    [GeneratedRegex(@"(?<receiver>\w+)?\s*\??\.\s*(?<call>Log(?:Information|Warning|Error|Debug|Trace|Critical)?)\s*\(")]
    private static partial Regex ExtensionCall();

    [GeneratedRegex(@"<AssemblyName>\s*([^<\s]+)\s*</AssemblyName>")]
    private static partial Regex AssemblyNameOf();

    private static readonly HashSet<string> MathReceivers = ["Math", "MathF", "double", "float", "decimal", "Double", "Single", "BigInteger"];

    [Fact]
    public void SourcesLogOnlyThroughLoggerMessageMethods()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(src, file).Replace('\\', '/');
            if (relative.Split('/').Any(part => part is "obj" or "bin")) continue; // generated code lives in obj/
            var lines = File.ReadAllLines(file);
            var code = string.Join('\n', lines.Select(l => l.TrimStart().StartsWith("//", StringComparison.Ordinal) ? "" : l));
            foreach (Match m in ExtensionCall().Matches(code))
            {
                if (MathReceivers.Contains(m.Groups["receiver"].Value)) continue;
                var line = code.AsSpan(0, m.Index).Count('\n') + 1;
                offenders.Add($"src/{relative}:{line}: .{m.Groups["call"].Value}(");
            }
        }
        Assert.True(offenders.Count == 0,
            "Log through a [LoggerMessage] method of the concern's static partial <Concern>Log class instead of:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void TheScanFindsExtensionCalls()
    {
        // The scan must see what it forbids, or the test above cannot fail.
        Assert.Equal(["LogWarning", "Log", "LogInformation"],
            ExtensionCall().Matches("_log.LogWarning(\"x\"); logger?.Log(LogLevel.Debug, \"y\"); logger\n    .LogInformation(\"z\"); Math.Log(2.0);")
                .Where(m => !MathReceivers.Contains(m.Groups["receiver"].Value)).Select(m => m.Groups["call"].Value).ToArray());
    }

    [Fact]
    public void EventIdsAreUniqueAndInTheirConcernsRange()
    {
        var messages = LoggerMessages();
        Assert.NotEmpty(messages);
        var problems = new List<string>();
        foreach (var group in messages.GroupBy(m => m.EventId).Where(g => g.Count() > 1))
            problems.Add($"event id {group.Key} is used by {string.Join(", ", group.Select(m => m.Name))}");
        foreach (var m in messages)
        {
            var range = Ranges.Where(r => m.Namespace == r.Namespace || m.Namespace.StartsWith(r.Namespace + ".", StringComparison.Ordinal))
                .OrderByDescending(r => r.Namespace.Length).Select(r => ((int First, int Last)?)(r.First, r.Last)).FirstOrDefault();
            if (range is not { } r) problems.Add($"{m.Name}: namespace {m.Namespace} has no event-id range");
            else if (m.EventId < r.First || m.EventId > r.Last) problems.Add($"{m.Name}: event id {m.EventId} is outside {m.Namespace}'s {r.First}-{r.Last}");
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private sealed record Message(string Name, string Namespace, int EventId);

    /// <summary>Every [LoggerMessage] method of every assembly under src/.</summary>
    private static List<Message> LoggerMessages()
    {
        // One assembly per project under src/, named by its <AssemblyName> when it has one (the CLI's is "livepeer").
        var names = Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => AssemblyNameOf().Match(File.ReadAllText(p)) is { Success: true } m ? m.Groups[1].Value : Path.GetFileNameWithoutExtension(p))
            .ToList();
        Assert.Contains("Livepeer.Node", names);
        var found = new List<Message>();
        foreach (var name in names)
        {
            var assembly = Assembly.Load(new AssemblyName(name));
            foreach (var type in assembly.GetTypes())
            foreach (var method in type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                if (method.GetCustomAttribute<LoggerMessageAttribute>() is { } a)
                    found.Add(new Message($"{type.FullName}.{method.Name}", type.Namespace ?? "", a.EventId));
        }
        return found;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Livepeer.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Livepeer.slnx not found above " + AppContext.BaseDirectory);
    }
}
