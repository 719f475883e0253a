using System.CommandLine;
using System.CommandLine.Parsing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Livepeer.Cli;

/// <summary>
/// --config FILE and LIVEPEER_* environment variables for commands that declare --config: a node reproducible from one
/// file. The file is YAML (or TOML, when it ends in .toml) whose keys are the command's flags without the dashes (max-ticket-ev: 3000000000000; a list
/// repeats the flag); the variable of a flag is LIVEPEER_ and its name in capitals with '_' for '-' (LIVEPEER_HTTP_ADDR).
/// The command line wins over the environment, which wins over the file. A key the command does not take is a usage error.
/// </summary>
public static class ConfigArguments
{
    /// <summary>The option's name.</summary>
    public const string Name = "--config";

    /// <summary>Declares --config on a command.</summary>
    public static Option<string?> Create() => new(Name)
    {
        Description = "YAML (or .toml) file of this command's flags (key: value, without the dashes); LIVEPEER_<FLAG> variables also set them. The command line wins, then the environment, then the file",
        HelpName = "FILE",
    };

    /// <summary>Returns <paramref name="args"/> with the flags the file and environment set; throws <see cref="CliException"/> on a bad file.</summary>
    public static string[] Expand(RootCommand root, string[] args, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var parse = root.Parse(args);
        var command = parse.CommandResult.Command;
        if (!command.Options.Any(o => o.Name == Name)) return args;
        var options = new Dictionary<string, Option>(StringComparer.Ordinal);
        foreach (var o in command.Options) options[o.Name] = o;
        for (var parent = parse.CommandResult.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
            foreach (var o in parent.Command.Options.Where(o => o.Recursive)) options.TryAdd(o.Name, o);
        var given = parse.Tokens.Where(t => t.Type == TokenType.Option).Select(t => t.Value.Split('=')[0]).ToHashSet(StringComparer.Ordinal);

        var extra = new List<string>();
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, option) in options)
        {
            if (name == Name || given.Contains(name) || option.Aliases.Any(given.Contains)) continue;
            var variable = "LIVEPEER_" + name.TrimStart('-').Replace('-', '_').ToUpperInvariant();
            if (environment(variable) is { Length: > 0 } value)
            {
                extra.Add(name);
                extra.Add(value);
                set.Add(name);
            }
        }

        var file = ConfigPath(args);
        if (file is not null)
        {
            foreach (var (key, values) in Read(file))
            {
                var name = "--" + key;
                if (name == Name || !options.ContainsKey(name))
                    throw new CliException($"{file}: unknown key '{key}'; `{CommandPath(parse)}` takes: {string.Join(", ", options.Keys.Where(k => k != Name).Select(k => k.TrimStart('-')).Order())}.", CliException.Usage);
                if (given.Contains(name) || set.Contains(name)) continue;
                foreach (var v in values)
                {
                    extra.Add(name);
                    extra.Add(v);
                }
            }
        }
        return extra.Count == 0 ? args : [.. args, .. extra];
    }

    private static string? ConfigPath(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == Name) return i + 1 < args.Length ? args[i + 1] : null;
            if (args[i].StartsWith(Name + "=", StringComparison.Ordinal)) return args[i][(Name.Length + 1)..];
        }
        return null;
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r is not null; r = r.Parent as CommandResult) names.Insert(0, r.Command.Name);
        names[0] = "livepeer";
        return string.Join(' ', names);
    }

    /// <summary>The file's keys with their values (a scalar, or a list of scalars), in file order.</summary>
    private static List<(string Key, List<string> Values)> Read(string file)
    {
        string text;
        try { text = File.ReadAllText(file); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new CliException($"--config {file}: cannot read it ({e.Message}).", CliException.Usage); }
        if (file.EndsWith(".toml", StringComparison.OrdinalIgnoreCase)) return ReadToml(file, text);
        var yaml = new YamlStream();
        try { yaml.Load(new StringReader(text)); }
        catch (YamlException e) { throw new CliException($"{file}: not valid YAML at line {e.Start.Line}: {e.Message}", CliException.Usage); }
        if (yaml.Documents.Count == 0) return [];
        if (yaml.Documents[0].RootNode is not YamlMappingNode map)
            throw new CliException($"{file}: expected key: value lines (a YAML mapping) at the top level.", CliException.Usage);
        var result = new List<(string, List<string>)>();
        foreach (var (k, v) in map.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? throw new CliException($"{file}: line {k.Start.Line}: a key must be a flag name.", CliException.Usage);
            result.Add((key, v switch
            {
                YamlScalarNode s => [s.Value ?? ""],
                YamlSequenceNode seq => seq.Children.Select(c => (c as YamlScalarNode)?.Value
                    ?? throw new CliException($"{file}: line {c.Start.Line}: '{key}' must list plain values.", CliException.Usage)).ToList(),
                _ => throw new CliException($"{file}: line {v.Start.Line}: '{key}' must be a value or a list of values.", CliException.Usage),
            }));
        }
        return result;
    }

    /// <summary>A TOML file's top-level keys (key = value; an array repeats the flag), in file order.</summary>
    private static List<(string Key, List<string> Values)> ReadToml(string file, string text)
    {
        Tomlyn.Model.TomlTable table;
        try { table = Tomlyn.TomlSerializer.Deserialize<Tomlyn.Model.TomlTable>(text)!; }
        catch (Tomlyn.TomlException e) { throw new CliException($"{file}: not valid TOML: {e.Message}", CliException.Usage); }
        var result = new List<(string, List<string>)>();
        foreach (var (key, value) in table)
        {
            result.Add((key, value switch
            {
                Tomlyn.Model.TomlArray array => array.Select(v => TomlScalar(file, key, v)).ToList(),
                _ => [TomlScalar(file, key, value)],
            }));
        }
        return result;
    }

    private static string TomlScalar(string file, string key, object? value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        long or int => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new CliException($"{file}: '{key}' must be a value or a list of values (no tables).", CliException.Usage),
    };
}
