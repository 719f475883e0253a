using System.CommandLine;

namespace Livepeer.Cli;

/// <summary>Options every command accepts: the data directory, JSON output and the log format.</summary>
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

    /// <summary>How node commands write their logs: text (one line each) or json (one JSON object per line).</summary>
    public Option<string> LogFormat { get; } = CreateLogFormat();

    /// <summary>The option's name, for commands that read it from a parse result.</summary>
    public const string LogFormatName = "--log-format";

    private static Option<string> CreateLogFormat()
    {
        var option = new Option<string>(LogFormatName)
        {
            Description = "Log format of node commands: text (one line per entry) or json (one JSON object per line, template fields included)",
            Recursive = true,
            DefaultValueFactory = _ => "text",
            HelpName = "text|json",
        };
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }

    /// <summary>Adds the options to the root command.</summary>
    public void AddTo(RootCommand root)
    {
        root.Options.Add(DataDir);
        root.Options.Add(Json);
        root.Options.Add(LogFormat);
    }
}
