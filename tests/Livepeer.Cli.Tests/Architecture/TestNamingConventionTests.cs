using System.Text.RegularExpressions;

namespace Livepeer.Cli.Tests.Architecture;

/// <summary>
/// Test methods are named in one style, a PascalCase sentence (<c>Session_cuts_renditions</c>), so a
/// failing test's name reads the same in every project: no [Fact] or [Theory] method under tests/ has an underscore.
/// </summary>
public sealed partial class TestNamingConventionTests
{
    [GeneratedRegex(@"^\[(?:Fact|Theory)\b")]
    private static partial Regex TestAttribute();

    // The first method declaration after the attribute; [InlineData] lines and comments may sit between them.
    [GeneratedRegex(@"\b(?:void|Task|ValueTask)\s+(?<name>\w+)\s*\(")]
    private static partial Regex MethodDeclaration();

    [Fact]
    public void TestMethodNamesArePascalCaseWithoutUnderscores()
    {
        var tests = Path.Combine(RepositoryRoot(), "tests");
        var offenders = new List<string>();
        var seen = 0;
        foreach (var file in Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(tests, file).Replace('\\', '/');
            if (relative.Split('/').Any(part => part is "obj" or "bin" or "node_modules")) continue;
            foreach (var (line, name) in TestMethods(File.ReadAllLines(file)))
            {
                seen++;
                if (name.Contains('_', StringComparison.Ordinal)) offenders.Add($"tests/{relative}:{line}: {name}");
            }
        }
        Assert.True(seen > 100, $"the scan found only {seen} test methods under {tests}");
        Assert.True(offenders.Count == 0,
            "Name test methods as PascalCase sentences (Session_cuts_renditions), not with underscores:\n"
            + string.Join('\n', offenders));
    }

    [Fact]
    public void TheScanFindsTestMethodsBehindDataAttributesAndComments()
    {
        // The scan must see what it forbids, or the test above cannot fail.
        string[] source =
        [
            "    [Fact]",
            "    public void PascalCaseName()",
            "    [Theory]",
            "    [InlineData(\"a\")] // a comment naming no method",
            "    public async Task An_underscore_name(string s)",
            "    private static void Helper_with_underscore() { }",
        ];
        Assert.Equal([(2, "PascalCaseName"), (5, "An_underscore_name")], TestMethods(source).ToArray());
    }

    /// <summary>Each [Fact]/[Theory] method with its 1-based line number.</summary>
    private static IEnumerable<(int Line, string Name)> TestMethods(IReadOnlyList<string> lines)
    {
        var pending = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].TrimStart();
            if (TestAttribute().IsMatch(text)) { pending = true; continue; }
            if (!pending || text.StartsWith('[') || text.StartsWith("//", StringComparison.Ordinal)) continue;
            if (MethodDeclaration().Match(text) is { Success: true } m)
            {
                pending = false;
                yield return (i + 1, m.Groups["name"].Value);
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Livepeer.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Livepeer.slnx not found above " + AppContext.BaseDirectory);
    }
}
