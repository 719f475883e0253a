using System.Globalization;
using System.Text;
using Livepeer.Core.Crypto;

namespace Livepeer.Core.Keystores;

/// <summary>
/// A directory of keystore files named like geth's (UTC--&lt;ISO time&gt;--&lt;address hex&gt;): create, list, find and unlock accounts.
/// </summary>
public sealed class KeyStore
{
    private readonly TimeProvider _time;
    private readonly KeyDerivation _kdf;

    /// <summary>A keystore in <paramref name="directory"/> (created on first write), stamping files with <paramref name="time"/>.</summary>
    public KeyStore(string directory, TimeProvider time, KeyDerivation? kdf = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(time);
        Directory = Path.GetFullPath(directory);
        _time = time;
        _kdf = kdf ?? KeyDerivation.Standard;
    }

    /// <summary>The absolute directory path.</summary>
    public string Directory { get; }

    /// <summary>Generates a key from the CSPRNG and stores it encrypted with <paramref name="password"/>.</summary>
    public KeystoreAccount NewAccount(string password)
    {
        using var key = PrivateKey.Generate();
        return Import(key, password);
    }

    /// <summary>Stores <paramref name="key"/> encrypted with <paramref name="password"/>; refuses an address that is already present.</summary>
    public KeystoreAccount Import(PrivateKey key, string password)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Find(key.Address) is { } existing)
            throw new InvalidOperationException($"Account {key.Address} is already in the keystore ({existing.Path}).");
        var json = KeystoreFile.Encrypt(key, password, _kdf);
        System.IO.Directory.CreateDirectory(Directory);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(Directory, FileName(_time.GetUtcNow(), key.Address));
        AtomicFile.WriteNew(path, Encoding.UTF8.GetBytes(json));
        return new KeystoreAccount(key.Address, path);
    }

    /// <summary>Every account whose file parses, in file-name (creation time) order; unreadable files are reported in <paramref name="problems"/>.</summary>
    public IReadOnlyList<KeystoreAccount> List(ICollection<string>? problems = null)
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        var accounts = new List<KeystoreAccount>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith('.') || name.EndsWith('~') || name.EndsWith(".tmp", StringComparison.Ordinal)) continue;
            try
            {
                accounts.Add(new KeystoreAccount(KeystoreFile.ReadAddress(File.ReadAllText(path)), path));
            }
            catch (Exception e) when (e is KeystoreException or IOException or UnauthorizedAccessException)
            {
                problems?.Add($"{path}: {e.Message}");
            }
        }
        return accounts;
    }

    /// <summary>The account with this address, or null.</summary>
    public KeystoreAccount? Find(Address address) => List().FirstOrDefault(a => a.Address == address);

    /// <summary>Decrypts the key of <paramref name="address"/>; throws <see cref="AccountNotFoundException"/>, <see cref="WrongPasswordException"/> or <see cref="KeystoreFormatException"/>.</summary>
    public PrivateKey Unlock(Address address, string password)
    {
        var account = Find(address) ?? throw new AccountNotFoundException($"No keystore file for {address} in {Directory}.");
        return KeystoreFile.Decrypt(File.ReadAllText(account.Path), password);
    }

    /// <summary>geth's file name: UTC--2006-01-02T15-04-05.999999999Z--&lt;40 hex digits&gt;.</summary>
    public static string FileName(DateTimeOffset time, Address address)
    {
        var utc = time.UtcDateTime;
        var nanoseconds = utc.Ticks % TimeSpan.TicksPerSecond * 100;
        return string.Create(CultureInfo.InvariantCulture,
            $"UTC--{utc:yyyy-MM-dd'T'HH-mm-ss}.{nanoseconds:D9}Z--{Hex.Encode(address.Bytes, prefix: false)}");
    }
}
