using Livepeer.Media.Verification;

namespace Livepeer.Node.Verifier;

/// <summary>How a verifier node runs: the ledger it follows, how often, the checks it re-runs and download limits.</summary>
public sealed class VerifierNodeOptions
{
    /// <summary>The ledger's JSON-RPC URL.</summary>
    public Uri ChainRpc { get; set; } = new("http://127.0.0.1:8545");
    /// <summary>The chain to use instead of the ledger at <see cref="ChainRpc"/> (e.g. an <see cref="Chains.EthereumConnector"/>), or null.</summary>
    public Chains.IChainConnector? Chain { get; set; }
    /// <summary>The chain the node connects to: <see cref="Chain"/>, else the ledger at <see cref="ChainRpc"/>.</summary>
    public Chains.IChainConnector Connector => Chain ?? new Chains.LedgerConnector(ChainRpc);

    /// <summary>How often new blocks are read for reports.</summary>
    public TimeSpan Poll { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>First block to read reports from (0: the whole chain, so reports made while the node was down are handled).</summary>
    public long FromBlock { get; set; }

    /// <summary>Time limit for downloading one evidence bundle.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest evidence bundle downloaded.</summary>
    public long MaxEvidenceBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Decisions kept in memory (the ledger keeps the attestations); older ones are dropped.</summary>
    public int RememberedDecisions { get; set; } = 1_000;

    /// <summary>How long a decision is kept in memory.</summary>
    public TimeSpan DecisionRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The media checks re-run on the evidence (always with the perceptual check).</summary>
    public VerificationOptions Checks { get; set; } = new();

    /// <summary>Throws naming the first bad option.</summary>
    public void Validate()
    {
        if (Poll <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Poll), "Must be positive.");
        if (FromBlock < 0) throw new ArgumentOutOfRangeException(nameof(FromBlock), "Must be 0 or more.");
        if (DownloadTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(DownloadTimeout), "Must be positive.");
        if (RememberedDecisions < 1) throw new ArgumentOutOfRangeException(nameof(RememberedDecisions), "Must be at least 1.");
        if (DecisionRetention <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(DecisionRetention), "Must be positive.");
        if (MaxEvidenceBytes < 1024) throw new ArgumentOutOfRangeException(nameof(MaxEvidenceBytes), "Must be at least 1 KiB.");
        Checks.Validate();
    }
}
