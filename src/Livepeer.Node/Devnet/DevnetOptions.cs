namespace Livepeer.Node.Devnet;

/// <summary>How the one-command local network runs.</summary>
public sealed class DevnetOptions
{
    /// <summary>Holds accounts, chain, orchestrator state; kept between runs.</summary>
    public string DataDirectory { get; set; } = "";
    /// <summary>Start from an empty data directory.</summary>
    public bool Fresh { get; set; }
    /// <summary>Ledger JSON-RPC port.</summary>
    public int RpcPort { get; set; } = 8545;
    /// <summary>Broadcaster RTMP port.</summary>
    public int RtmpPort { get; set; } = 1935;
    /// <summary>Broadcaster HTTP port (dashboard, HLS, DASH, /api/status).</summary>
    public int HttpPort { get; set; } = 8935;
    /// <summary>First orchestrator port; the others follow.</summary>
    public int OrchestratorBasePort { get; set; } = 8936;
    /// <summary>The dashboard's files, or null.</summary>
    public string? WebRoot { get; set; }
    /// <summary>Publish a synthetic stream under the key "demo".</summary>
    public bool Demo { get; set; }
    /// <summary>Block time.</summary>
    public TimeSpan BlockTime { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>How orchestrator-2 cheats (none by default), to watch verification catch it and the verifiers slash it.</summary>
    public Orchestrator.Misbehaviour.Misbehaviour Cheat { get; set; }
    /// <summary>The chain: the embedded ledger, or anvil with Livepeer's contracts.</summary>
    public DevnetChain Chain { get; set; } = DevnetChain.Ledger;
    /// <summary>Blocks per round (short, so rounds pass while you watch).</summary>
    public long RoundLength { get; set; } = 10;

    /// <summary>Throws naming the first bad option.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory)) throw new ArgumentException("A data directory is required.");
        foreach (var (name, port) in new[] { ("--rpc-port", RpcPort), ("--rtmp-port", RtmpPort), ("--http-port", HttpPort), ("--orchestrator-port", OrchestratorBasePort) })
            if (port is < 0 or > 65535) throw new ArgumentOutOfRangeException(name, port, "Ports are 0..65535.");
        if (RoundLength < 5) throw new ArgumentOutOfRangeException(nameof(RoundLength), "Rounds need at least 5 blocks.");
    }
}
