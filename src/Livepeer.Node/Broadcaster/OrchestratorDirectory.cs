using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Node.Selection;

namespace Livepeer.Node.Broadcaster;

/// <summary>Where a broadcaster finds orchestrators.</summary>
public interface IOrchestratorDirectory
{
    /// <summary>The orchestrators to choose from now.</summary>
    Task<IReadOnlyList<OrchestratorCandidate>> CandidatesAsync(CancellationToken ct);
}

/// <summary>Active orchestrators registered on the ledger, with their stake and service URI (price is learnt from GetOrchestrator).</summary>
public sealed class LedgerOrchestratorDirectory(ILivepeerChain chain) : IOrchestratorDirectory
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<OrchestratorCandidate>> CandidatesAsync(CancellationToken ct)
    {
        var candidates = new List<OrchestratorCandidate>();
        foreach (var entry in await chain.GetTranscoderPoolAsync(ct))
        {
            var t = await chain.GetTranscoderAsync(entry.Transcoder, ct);
            if (!t.Active || !Uri.TryCreate(t.ServiceUri, UriKind.Absolute, out var uri)) continue;
            candidates.Add(new OrchestratorCandidate(entry.Transcoder, uri, entry.Stake, UInt256.Zero, UInt256.One));
        }
        return candidates;
    }
}

/// <summary>A fixed list of orchestrator URIs (--orch-addr); each is identified by a stand-in address until it answers.</summary>
public sealed class StaticOrchestratorDirectory(IEnumerable<Uri> uris) : IOrchestratorDirectory
{
    private readonly IReadOnlyList<OrchestratorCandidate> _candidates = uris
        .Select(u => new OrchestratorCandidate(new Address(Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(u.ToString())).Bytes[12..]), u, UInt256.Zero, UInt256.Zero, UInt256.One))
        .ToList();

    /// <inheritdoc />
    public Task<IReadOnlyList<OrchestratorCandidate>> CandidatesAsync(CancellationToken ct) => Task.FromResult(_candidates);
}
