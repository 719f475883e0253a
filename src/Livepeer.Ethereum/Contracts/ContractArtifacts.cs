using System.Text.Json;

namespace Livepeer.Ethereum.Contracts;

/// <summary>One compiled contract from contracts/out: its ABI (JSON text), creation bytecode and selectors.</summary>
public sealed record ContractArtifact(string Name, string Abi, string Bytecode, string DeployedBytecode, IReadOnlyDictionary<string, string> MethodIdentifiers);

/// <summary>
/// Reads the artifacts that contracts/build.mjs writes (contracts/out/&lt;Name&gt;.json). They are build output: the
/// directory is found from LIVEPEER_CONTRACTS_DIR, or by walking up from the running assembly to the repository.
/// </summary>
public sealed class ContractArtifacts
{
    /// <summary>The environment variable that overrides where the artifacts are read from.</summary>
    public const string DirectoryVariable = "LIVEPEER_CONTRACTS_DIR";

    private readonly string _directory;

    /// <summary>Artifacts read from <paramref name="directory"/>.</summary>
    public ContractArtifacts(string directory) => _directory = directory;

    /// <summary>The directory the artifacts are read from.</summary>
    public string Directory => _directory;

    /// <summary>Finds contracts/out, or throws with what to run when it is missing.</summary>
    public static ContractArtifacts Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrEmpty(fromEnv)) return new ContractArtifacts(RequireBuilt(fromEnv));
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "contracts", "build.mjs")))
                return new ContractArtifacts(RequireBuilt(Path.Combine(dir.FullName, "contracts", "out")));
        }
        throw new ContractArtifactsMissingException(
            $"No contracts/ directory above {AppContext.BaseDirectory}. Set {DirectoryVariable} to a directory of compiled contracts (contracts/out).");
    }

    private static string RequireBuilt(string directory)
    {
        if (!System.IO.Directory.Exists(directory) || !System.IO.Directory.EnumerateFiles(directory, "*.json").Any())
            throw new ContractArtifactsMissingException(
                $"The compiled contracts are missing in {directory}. Run: (cd contracts && npm ci && node build.mjs) — ./test.sh and ./livepeer do it for you.");
        return directory;
    }

    /// <summary>The artifact of contract <paramref name="name"/>.</summary>
    public ContractArtifact Get(string name)
    {
        var path = Path.Combine(_directory, name + ".json");
        if (!File.Exists(path))
            throw new ContractArtifactsMissingException($"No compiled contract {name} in {_directory} (expected {name}.json).");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var selectors = root.GetProperty("methodIdentifiers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        return new ContractArtifact(
            name,
            root.GetProperty("abi").GetRawText(),
            root.GetProperty("bytecode").GetString()!,
            root.GetProperty("deployedBytecode").GetString()!,
            selectors);
    }

    /// <summary>The names of every compiled contract.</summary>
    public IReadOnlyList<string> Names =>
        System.IO.Directory.EnumerateFiles(_directory, "*.json").Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal).ToList();
}

/// <summary>The compiled contracts are not where they should be; the message says what to run.</summary>
public sealed class ContractArtifactsMissingException(string message) : Exception(message);
