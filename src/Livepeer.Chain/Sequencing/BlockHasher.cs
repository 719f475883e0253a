namespace Livepeer.Chain.Sequencing;

/// <summary>Block identity: keccak256(number | parentHash | timestamp | stateHash | keccak256(tx hashes)), integers as 32 bytes.</summary>
public static class BlockHasher
{
    /// <summary>The hash of a block with these fields.</summary>
    public static Hash Compute(long number, Hash parentHash, long timestamp, Hash stateHash, IEnumerable<Hash> transactionHashes)
    {
        var txs = new Keccak256();
        foreach (var h in transactionHashes) txs.Update(h.Bytes);
        var txRoot = txs.Finish();
        Span<byte> buffer = stackalloc byte[32 * 5];
        ((UInt256)(ulong)number).WriteBigEndian32(buffer[..32]);
        parentHash.Bytes.CopyTo(buffer[32..]);
        ((UInt256)(ulong)timestamp).WriteBigEndian32(buffer[64..96]);
        stateHash.Bytes.CopyTo(buffer[96..]);
        txRoot.Bytes.CopyTo(buffer[128..]);
        return Keccak256.Hash(buffer);
    }
}
