using System.Text.Json;

namespace Livepeer.Cli.Ledger;

/// <summary>
/// &lt;datadir&gt;/orchestrator.json: what an orchestrator registered and its price, which in Livepeer is off-chain (the
/// orchestrator node quotes it to broadcasters), so the node reads it from here.
/// </summary>
public sealed record OrchestratorSettings(string Address, string ServiceUri, long RewardCut, long FeeShare, string? PricePerPixelWei)
{
    /// <summary>The file name inside the data directory.</summary>
    public const string FileName = "orchestrator.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The file's path in <paramref name="dataDir"/>.</summary>
    public static string PathIn(string dataDir) => System.IO.Path.Combine(dataDir, FileName);

    /// <summary>Reads the file, or null when there is none.</summary>
    public static OrchestratorSettings? Read(string dataDir)
    {
        var path = PathIn(dataDir);
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<OrchestratorSettings>(File.ReadAllText(path), Options); }
        catch (JsonException e) { throw new CliException($"{path} is not valid orchestrator settings ({e.Message}); fix or delete it and register again."); }
    }

    /// <summary>Writes the file atomically (temp file, then rename), so a reader never sees half of it.</summary>
    public void Write(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        var path = PathIn(dataDir);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, Options));
        File.Move(temp, path, overwrite: true);
    }
}
