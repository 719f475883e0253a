namespace Livepeer.Chain.Hosting;

/// <summary>How a ledger node runs: where it keeps data, where it listens, how it starts and how fast it makes blocks.</summary>
public sealed class LedgerOptions
{
    /// <summary>Directory holding chain.db.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>JSON-RPC listen address (host:port); 127.0.0.1 unless told otherwise, port 0 picks a free one.</summary>
    public string Rpc { get; set; } = "127.0.0.1:8545";

    /// <summary>Genesis file for a new chain; ignored (but checked) when the chain exists.</summary>
    public string? GenesisFile { get; set; }

    /// <summary>Chain id for a new chain (EIP-712 domain); an existing chain keeps its own.</summary>
    public ulong ChainId { get; set; } = 1337;

    /// <summary>Block time.</summary>
    public TimeSpan BlockTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Blocks between state snapshots.</summary>
    public int SnapshotInterval { get; set; } = 256;

    /// <summary>The database file.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "chain.db");

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory)) throw new ArgumentException("A data directory is required (--datadir).");
        ParseRpc();
        if (ChainId == 0) throw new ArgumentException("--chain-id must be a positive integer.");
        if (BlockTime < TimeSpan.FromMilliseconds(10) || BlockTime > TimeSpan.FromHours(1)) throw new ArgumentException("--block-time must be between 10ms and 1h.");
        if (SnapshotInterval is < 1 or > 1_000_000) throw new ArgumentException("--snapshot-interval must be between 1 and 1000000 blocks.");
        if (GenesisFile is not null && !File.Exists(GenesisFile)) throw new ArgumentException($"Genesis file {GenesisFile} does not exist.");
    }

    /// <summary>The RPC host and port.</summary>
    public (string Host, int Port) ParseRpc()
    {
        var colon = Rpc.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(Rpc.AsSpan(colon + 1), out var port) || port is < 0 or > 65535)
            throw new ArgumentException($"--rpc must be host:port (e.g. 127.0.0.1:8545), got '{Rpc}'.");
        return (Rpc[..colon], port);
    }
}
