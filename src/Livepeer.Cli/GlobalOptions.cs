using System.CommandLine;

namespace Livepeer.Cli;

/// <summary>Options every command accepts: the data directory and JSON output.</summary>
public sealed class GlobalOptions
{
    /// <summary>Where keystores, chain data and node state live (default ~/.livepeer, or LIVEPEER_DATADIR).</summary>
    public Option<string> DataDir { get; } = new("--datadir")
    {
        Description = "Data directory (default: $LIVEPEER_DATADIR or ~/.livepeer)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("LIVEPEER_DATADIR")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".livepeer"),
    };

    /// <summary>Machine-readable output for scripts.</summary>
    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print JSON instead of human-readable output",
        Recursive = true,
    };

    /// <summary>Adds the options to the root command.</summary>
    public void AddTo(RootCommand root)
    {
        root.Options.Add(DataDir);
        root.Options.Add(Json);
    }
}
