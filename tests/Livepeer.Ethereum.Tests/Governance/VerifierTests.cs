using System.Numerics;
using System.Text;
using Livepeer.Core;
using Livepeer.Protocol.Slashing;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Util;

namespace Livepeer.Ethereum.Tests.Governance;

/// <summary>
/// The Verifier on a real anvil with the real BondingManager: equivocation proofs (anyone) and failed-verification
/// reports attested by k of n verifiers slash the transcoder's pool, pay the finder its fee and burn the rest; each
/// evidence settles once; refused calls revert with a reason and change nothing.
/// </summary>
public sealed class VerifierTests
{
    private const int Orchestrator = 1, Delegator = 2, Finder = 4, Outsider = 5;
    private const string ManifestId = "stream-7f3a";
    private static readonly BigInteger Seq = 42;
    private static readonly byte[] ProfilesHash = Keccak("P720p30fps16x9,P360p30fps16x9");
    private static readonly byte[] SourceHash = Keccak("source segment 42");

    private static byte[] Keccak(string text) => Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes(text));

    /// <summary>Round 3: the orchestrator is active with 1000 LPT of its own and 400 delegated.</summary>
    private static async Task<GovernedChain> StakedChainAsync()
    {
        var chain = await GovernedChain.StartAsync();
        await chain.StartRoundAsync(2);
        await chain.BondAsync(Orchestrator, 1000 * GovernedChain.Lpt, Orchestrator);
        await chain.SendAsync(Orchestrator, "BondingManager", "transcoder", new BigInteger(100_000), new BigInteger(500_000));
        await chain.BondAsync(Delegator, 400 * GovernedChain.Lpt, Orchestrator);
        await chain.StartRoundAsync(3);
        return chain;
    }

    /// <summary>A result for the source segment signed by account <paramref name="signer"/> over the C# SegmentClaim hash.</summary>
    private static object[] SignedResult(GovernedChain chain, int signer, byte[] sourceHash, byte[] resultHash)
    {
        var claim = SegmentClaim.Hash(ManifestId, (long)Seq, new Hash(ProfilesHash), new Hash(sourceHash), new Hash(resultHash)).ToArray();
        var signature = new EthereumMessageSigner().Sign(claim, new EthECKey(chain.PrivateKey(signer)));
        return [sourceHash, resultHash, signature.HexToByteArray()];
    }

    private sealed record Snapshot(BigInteger OrchestratorStake, BigInteger Supply, BigInteger FinderBalance);

    private static async Task<Snapshot> SnapshotAsync(GovernedChain chain, int finder) => new(
        await chain.CallAsync<BigInteger>("BondingManager", "transcoderTotalStake", chain.Address(Orchestrator)),
        await chain.CallAsync<BigInteger>("LivepeerToken", "totalSupply"),
        await chain.LptBalanceAsync(chain.Address(finder)));

    /// <summary>The penalty is the fraction of the whole pool; the finder gets its fee of it and the rest is burned.</summary>
    private static void AssertSlashed(Snapshot before, Snapshot after, long fraction, long finderFee)
    {
        var penalty = before.OrchestratorStake * fraction / 1_000_000;
        var finderReward = penalty * finderFee / 1_000_000;
        Assert.True(penalty > 0);
        Assert.Equal(before.OrchestratorStake - penalty, after.OrchestratorStake);
        Assert.Equal(before.FinderBalance + finderReward, after.FinderBalance);
        Assert.Equal(before.Supply - (penalty - finderReward), after.Supply);
    }

    [Fact]
    public async Task TheClaimHashIsTheOneTheCSharpOrchestratorSigns()
    {
        await using var chain = await GovernedChain.StartAsync();
        var result = Keccak("renditions");
        var expected = SegmentClaim.Hash(ManifestId, (long)Seq, new Hash(ProfilesHash), new Hash(SourceHash), new Hash(result)).ToArray();
        Assert.Equal(expected, await chain.CallAsync<byte[]>("Verifier", "segmentClaimHash", ManifestId, Seq, ProfilesHash, SourceHash, result));
        var orchestrator = new Address(chain.Address(Orchestrator).HexToByteArray());
        Assert.Equal(SegmentClaim.SegmentKey(orchestrator, ManifestId, (long)Seq, new Hash(ProfilesHash)).ToArray(),
            await chain.CallAsync<byte[]>("Verifier", "segmentKey", chain.Address(Orchestrator), ManifestId, Seq, ProfilesHash));
        Assert.Equal(SlashingModule.EvidenceKey(orchestrator, new Hash(result)).ToArray(),
            await chain.CallAsync<byte[]>("Verifier", "evidenceKey", chain.Address(Orchestrator), result));
    }

    [Fact]
    public async Task EquivocationSlashesHalfThePoolPaysTheFinderHalfAndBurnsTheRestOnce()
    {
        await using var chain = await StakedChainAsync();
        var orchestrator = chain.Address(Orchestrator);
        var first = SignedResult(chain, Orchestrator, SourceHash, Keccak("honest renditions"));
        var second = SignedResult(chain, Orchestrator, SourceHash, Keccak("cheap renditions"));
        var before = await SnapshotAsync(chain, Finder);

        await chain.ExpectRevertAsync("signing the same result twice is not equivocation", Finder, "Verifier", "slashEquivocation", orchestrator, ManifestId, Seq, ProfilesHash, first, first);
        await chain.ExpectRevertAsync("the two results are for different source segments", Finder, "Verifier", "slashEquivocation", orchestrator, ManifestId, Seq, ProfilesHash,
            first, SignedResult(chain, Orchestrator, Keccak("another source"), Keccak("cheap renditions")));
        await chain.ExpectRevertAsync("second result is not signed by the orchestrator", Finder, "Verifier", "slashEquivocation", orchestrator, ManifestId, Seq, ProfilesHash,
            first, SignedResult(chain, Outsider, SourceHash, Keccak("cheap renditions")));
        await chain.ExpectRevertAsync("first result is not signed by the orchestrator", Finder, "Verifier", "slashEquivocation", orchestrator, ManifestId, Seq + 1, ProfilesHash, first, second);
        Assert.Equal(before, await SnapshotAsync(chain, Finder));

        await chain.SendAsync(Finder, "Verifier", "slashEquivocation", orchestrator, ManifestId, Seq, ProfilesHash, first, second);
        var after = await SnapshotAsync(chain, Finder);
        AssertSlashed(before, after, chain.Parameters.EquivocationSlashFraction, chain.Parameters.FinderFee);
        Assert.False(await chain.CallAsync<bool>("BondingManager", "canEarn", orchestrator), "a slashed transcoder earns nothing more this round");

        await chain.ExpectRevertAsync("this segment's equivocation was already slashed", Outsider, "Verifier", "slashEquivocation", orchestrator, ManifestId, Seq, ProfilesHash, second, first);
        Assert.Equal(after, await SnapshotAsync(chain, Finder));

        // The slash reaches the delegator: from the next round its votes are its shrunken pending stake.
        await chain.MineToRoundAsync(4);
        var pending = await chain.CallAsync<BigInteger>("BondingManager", "pendingStake", chain.Address(Delegator), BigInteger.Zero);
        Assert.Equal(400 * GovernedChain.Lpt / 2, pending);
        Assert.Equal(pending, await chain.CallAsync<BigInteger>("BondingVotes", "getPastVotes", chain.Address(Delegator), new BigInteger(3)));
    }

    [Fact]
    public async Task TwoOfThreeVerifiersSlashAReportedFailedVerificationAndTheReporterIsPaid()
    {
        await using var chain = await StakedChainAsync();
        var orchestrator = chain.Address(Orchestrator);
        var evidence = Keccak("evidence bundle");
        const string uri = "https://evidence.example/bundle-1";
        int v1 = GovernedChain.Verifiers[0], v2 = GovernedChain.Verifiers[1], v3 = GovernedChain.Verifiers[2];

        await chain.ExpectRevertAsync("no failed verification was reported", v1, "Verifier", "attestFailedVerification", orchestrator, evidence);
        await chain.ExpectRevertAsync("give the URI where verifiers download the evidence", Finder, "Verifier", "reportFailedVerification", orchestrator, evidence, "  ");
        await chain.ExpectRevertAsync("the evidence hash is zero", Finder, "Verifier", "reportFailedVerification", orchestrator, new byte[32], uri);
        await chain.ExpectRevertAsync("transcoder has no stake to slash", Finder, "Verifier", "reportFailedVerification", chain.Address(Outsider), evidence, uri);
        await chain.SendAsync(Finder, "Verifier", "reportFailedVerification", orchestrator, evidence, uri);
        await chain.ExpectRevertAsync("this evidence was already reported", Outsider, "Verifier", "reportFailedVerification", orchestrator, evidence, uri);
        var before = await SnapshotAsync(chain, Finder);

        await chain.SendAsync(v1, "Verifier", "attestFailedVerification", orchestrator, evidence);
        await chain.ExpectRevertAsync("caller already attested this evidence", v1, "Verifier", "attestFailedVerification", orchestrator, evidence);
        await chain.ExpectRevertAsync("caller is not in the verifier set", Finder, "Verifier", "attestFailedVerification", orchestrator, evidence);
        Assert.Equal(before, await SnapshotAsync(chain, Finder));
        var report = await chain.CallTupleAsync("Verifier", "getReport", orchestrator, evidence);
        Assert.Equal((chain.Address(Finder).ToLowerInvariant(), new BigInteger(3), BigInteger.One), (((string)report[0]).ToLowerInvariant(), (BigInteger)report[1], (BigInteger)report[2]));

        await chain.SendAsync(v2, "Verifier", "attestFailedVerification", orchestrator, evidence);
        var after = await SnapshotAsync(chain, Finder);
        AssertSlashed(before, after, chain.Parameters.FailedVerificationSlashFraction, chain.Parameters.FinderFee);
        Assert.True(await chain.CallAsync<bool>("Verifier", "settled", await chain.CallAsync<byte[]>("Verifier", "evidenceKey", orchestrator, evidence)));

        await chain.ExpectRevertAsync("this failed verification was already slashed", v3, "Verifier", "attestFailedVerification", orchestrator, evidence);
        await chain.ExpectRevertAsync("this failed verification was already slashed", Outsider, "Verifier", "reportFailedVerification", orchestrator, evidence, uri);
        Assert.Equal(after, await SnapshotAsync(chain, Finder));
    }

    [Fact]
    public async Task OnlyTheControllerOwnerSetsTheVerifierSetAndOnlyTheVerifierSlashes()
    {
        await using var chain = await StakedChainAsync();
        // The deployer handed the Controller to the Treasury: a verifier-set change is a governance proposal now.
        await chain.ExpectRevertAsync("caller must be Controller owner", 0, "Verifier", "setVerifierSet", new[] { chain.Address(Outsider) }, BigInteger.One);
        await chain.ExpectRevertAsync("caller must be Controller owner", 0, "Verifier", "setFinderFee", BigInteger.Zero);
        await chain.ExpectRevertAsync("caller must be Verifier", Outsider, "BondingManager", "slashTranscoder", chain.Address(Orchestrator), chain.Address(Outsider), new BigInteger(1_000_000), new BigInteger(1_000_000));
        Assert.Equal(new BigInteger(2), await chain.CallAsync<BigInteger>("Verifier", "verifierThreshold"));
        Assert.Equal(GovernedChain.Verifiers.Select(v => chain.Address(v).ToLowerInvariant()),
            (await chain.CallAsync<List<string>>("Verifier", "getVerifiers")).Select(a => a.ToLowerInvariant()));
    }
}
