using System.Text.Json;
using Livepeer.Core;
using Livepeer.Core.Crypto;

namespace Livepeer.Node.Devnet;

/// <summary>
/// The devnet's accounts: keys made once and kept in accounts.json in the devnet directory (owner-only). They are test
/// keys for a local network, never for real funds.
/// </summary>
public sealed class DevnetAccounts
{
    /// <summary>The roles, in a fixed order.</summary>
    public static readonly string[] Names = ["orchestrator-1", "orchestrator-2", "orchestrator-3", "delegator-1", "delegator-2", "delegator-3", "broadcaster"];

    private readonly Dictionary<string, PrivateKey> _keys;

    private DevnetAccounts(Dictionary<string, PrivateKey> keys) => _keys = keys;

    /// <summary>The key of a role.</summary>
    public PrivateKey this[string name] => _keys[name];

    /// <summary>Loads accounts.json or creates it.</summary>
    public static DevnetAccounts LoadOrCreate(string directory)
    {
        var path = Path.Combine(directory, "accounts.json");
        if (File.Exists(path))
        {
            var stored = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? [];
            if (Names.All(stored.ContainsKey)) return new DevnetAccounts(stored.ToDictionary(e => e.Key, e => PrivateKey.Parse(e.Value)));
        }
        var keys = Names.ToDictionary(n => n, _ => PrivateKey.Generate());
        Directory.CreateDirectory(directory);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(keys.ToDictionary(e => e.Key, e => e.Value.ToHex()), new JsonSerializerOptions { WriteIndented = true }));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);
        return new DevnetAccounts(keys);
    }

    /// <summary>Addresses by role.</summary>
    public IReadOnlyDictionary<string, Address> Addresses => _keys.ToDictionary(e => e.Key, e => e.Value.Address);
}
