using Livepeer.Core;

namespace Livepeer.Node.Evidence;

/// <summary>Evidence bundles on disk, one file per bundle named by its hash (what GET /api/evidence/{hash} serves).</summary>
public sealed class EvidenceStore
{
    private readonly string _directory;

    /// <summary>A store in <paramref name="directory"/> (created if missing).</summary>
    public EvidenceStore(string directory)
    {
        _directory = directory;
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
        return hash;
    }

    /// <summary>The canonical bytes of a bundle, or null when this store does not have it.</summary>
    public async Task<byte[]?> GetAsync(Hash hash, CancellationToken ct)
    {
        var path = PathOf(hash);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
    }

    private string PathOf(Hash hash) => Path.Combine(_directory, hash.ToString()[2..] + ".json");
}
