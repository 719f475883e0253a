using Livepeer.Core;

namespace Livepeer.Node.Evidence;

/// <summary>
/// Evidence bundles on disk, one file per bundle named by its hash (what GET /api/evidence/{hash} serves). At most
/// <c>maxBundles</c> are kept: past that the oldest go, so an orchestrator that fails every segment cannot fill the disk.
/// </summary>
public sealed class EvidenceStore
{
    private readonly string _directory;
    private readonly int _maxBundles;
    private readonly Lock _prune = new();

    /// <summary>A store in <paramref name="directory"/> (created if missing) keeping at most <paramref name="maxBundles"/> bundles.</summary>
    public EvidenceStore(string directory, int maxBundles = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBundles, 1);
        (_directory, _maxBundles) = (directory, maxBundles);
        Directory.CreateDirectory(directory);
    }

    /// <summary>Where bundles are written.</summary>
    public string DirectoryPath => _directory;

    /// <summary>Writes a bundle in canonical form and returns its hash.</summary>
    public async Task<Hash> PutAsync(EvidenceBundle bundle, CancellationToken ct)
    {
        var bytes = bundle.ToBytes();
        var hash = EvidenceBundle.HashOf(bytes);
        var path = PathOf(hash);
        var temp = path + ".tmp";
        await File.WriteAllBytesAsync(temp, bytes, ct);
        File.Move(temp, path, overwrite: true);
        Prune();
        return hash;
    }

    /// <summary>The canonical bytes of a bundle, or null when this store does not have it.</summary>
    public async Task<byte[]?> GetAsync(Hash hash, CancellationToken ct)
    {
        var path = PathOf(hash);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
    }

    private void Prune()
    {
        lock (_prune)
        {
            var files = new DirectoryInfo(_directory).GetFiles("*.json");
            if (files.Length <= _maxBundles) return;
            foreach (var old in files.OrderBy(f => f.LastWriteTimeUtc).Take(files.Length - _maxBundles))
            {
                try { old.Delete(); }
                catch (IOException) { } // being served right now: it goes on the next write
            }
        }
    }

    private string PathOf(Hash hash) => Path.Combine(_directory, hash.ToString()[2..] + ".json");
}
