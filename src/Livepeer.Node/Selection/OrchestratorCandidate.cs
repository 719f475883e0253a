using Livepeer.Core;

namespace Livepeer.Node.Selection;

/// <summary>An orchestrator the broadcaster may send segments to, as discovered on the ledger or from --orch-addr.</summary>
/// <param name="Address">Its Ethereum address (identity; tickets go to it).</param>
/// <param name="ServiceUri">Where its gRPC/HTTP service listens.</param>
/// <param name="Stake">Its total bonded stake in wei (0 for statically configured ones without ledger data).</param>
/// <param name="PricePerUnit">Price in wei for <paramref name="PixelsPerUnit"/> output pixels.</param>
/// <param name="PixelsPerUnit">Pixels the price covers (at least 1).</param>
public sealed record OrchestratorCandidate(Address Address, Uri ServiceUri, UInt256 Stake, UInt256 PricePerUnit, UInt256 PixelsPerUnit)
{
    /// <summary>True when this price per pixel is at most <paramref name="maxPricePerUnit"/>/<paramref name="maxPixelsPerUnit"/>, compared exactly by cross-multiplying.</summary>
    public bool PriceAtMost(UInt256 maxPricePerUnit, UInt256 maxPixelsPerUnit) =>
        PricePerUnit.Value * maxPixelsPerUnit.Value <= maxPricePerUnit.Value * PixelsPerUnit.Value;
}
