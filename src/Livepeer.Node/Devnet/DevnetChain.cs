namespace Livepeer.Node.Devnet;

/// <summary>Which chain the devnet runs on.</summary>
public enum DevnetChain
{
    /// <summary>The embedded ledger (the default).</summary>
    Ledger,
    /// <summary>anvil with Livepeer's contracts from contracts/ deployed on it.</summary>
    Evm,
}
