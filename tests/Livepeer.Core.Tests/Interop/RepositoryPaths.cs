namespace Livepeer.Core.Tests.Interop;

/// <summary>Finds the repository root (the directory holding Livepeer.slnx) from the test assembly's directory.</summary>
internal static class RepositoryPaths
{
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

    /// <summary>tests/js, failing with instructions when its node packages are not installed.</summary>
    internal static string JsTests
    {
        get
        {
            var js = Path.Combine(Root, "tests", "js");
            if (!Directory.Exists(Path.Combine(js, "node_modules", "ethers")))
                Assert.Fail($"The node packages for the interoperability tests are not installed in {js}/node_modules. Run ./test.sh (it runs npm ci in tests/js), or: cd tests/js && npm ci");
            return js;
        }
    }
}
