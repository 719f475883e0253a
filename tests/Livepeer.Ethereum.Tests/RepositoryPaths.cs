namespace Livepeer.Ethereum.Tests;

/// <summary>Finds the repository root (the directory holding Livepeer.slnx) and the shared reference documents beside it.</summary>
internal static class RepositoryPaths
{
    /// <summary>The environment variable that points at the reference documents when they are not at ../shared/reference.</summary>
    public const string ReferenceVariable = "LIVEPEER_REFERENCE_DIR";

    internal static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Livepeer.slnx"))) return dir.FullName;
            }
            throw new InvalidOperationException($"No Livepeer.slnx above {AppContext.BaseDirectory}; run the tests from the repository.");
        }
    }

    /// <summary>A reference document at ../shared/reference/&lt;name&gt; beside the repository (or in $LIVEPEER_REFERENCE_DIR), or null.</summary>
    internal static string? Reference(string name)
    {
        var fromEnv = Environment.GetEnvironmentVariable(ReferenceVariable);
        var dir = !string.IsNullOrEmpty(fromEnv) ? fromEnv : Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference"));
        var path = Path.Combine(dir, name);
        return File.Exists(path) ? path : null;
    }

    /// <summary>A file under tests/Livepeer.Ethereum.Tests/Data, failing with where it was looked for.</summary>
    internal static string TestData(string name)
    {
        var path = Path.Combine(Root, "tests", "Livepeer.Ethereum.Tests", "Data", name);
        if (!File.Exists(path)) Assert.Fail($"The test data file {path} is missing.");
        return path;
    }
}
