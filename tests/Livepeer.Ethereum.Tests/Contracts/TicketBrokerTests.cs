using Livepeer.Ethereum.Chain.Messages;
using System.Numerics;
using Nethereum.ABI;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.Signer;
using Nethereum.Util;

namespace Livepeer.Ethereum.Tests.Contracts;

public sealed class TicketBrokerTests
{
    private static readonly BigInteger Eth = BigInteger.Pow(10, 18);
    private const int O = 1, B = 3;

    [Fact]
    public async Task WinningTicketsArePaidFromTheDepositThenTheReserveAndAnUncoveredOneIsRefusedUnused()
    {
        await using var chain = await DeployedProtocol.StartAsync();
        await chain.NextRoundAsync();
        await chain.ApproveAndBondAsync(O, 100 * DeployedProtocol.Lpt, O);
        await chain.SendAsync(O, "BondingManager", "transcoder", BigInteger.Zero, new BigInteger(500_000));
        await chain.SendValueAsync(B, "TicketBroker", "fundDepositAndReserve", 2 * Eth, Eth, Eth);
        await chain.NextRoundAsync();

        // From the deposit: 0.5 ETH; O, the only staker, gets all of it (half as commission, half through the fee factor).
        var (t1, sig1, rand1) = await TicketAsync(chain, Eth / 2, nonce: 1);
        await RedeemAsync(chain, t1, sig1, rand1);
        Assert.True(await chain.CallAsync<bool>("TicketBroker", "usedTickets", await HashAsync(chain, t1)));
        var info = await chain.CallDtoAsync<SenderInfoOutput>("TicketBroker", "getSenderInfo", chain.Address(B));
        Assert.Equal(Eth / 2, info.Sender.Deposit);
        Assert.Equal(Eth / 2, await chain.CallAsync<BigInteger>("BondingManager", "pendingFees", chain.Address(O), BigInteger.Zero));

        // Replay refused.
        await ExpectRedeemRevertAsync(chain, t1, sig1, rand1, "ticket is used");

        // 1.2 ETH: 0.5 from the deposit, 0.7 from the reserve (pool of 1: O may claim the whole reserve).
        var (t2, sig2, rand2) = await TicketAsync(chain, 12 * Eth / 10, nonce: 2);
        Assert.Equal(Eth, await chain.CallAsync<BigInteger>("TicketBroker", "claimableReserve", chain.Address(B), chain.Address(O)));
        var receipt = await RedeemAsync(chain, t2, sig2, rand2);
        Assert.Contains(receipt.Logs, l => l.Topics[0].ToString() == "0x5c2b394723f408a40a60335e24b71829642e35f350cebe2036a96a66e895ea98"); // ReserveClaimed
        info = await chain.CallDtoAsync<SenderInfoOutput>("TicketBroker", "getSenderInfo", chain.Address(B));
        Assert.Equal(BigInteger.Zero, info.Sender.Deposit);
        Assert.Equal(3 * Eth / 10, info.Reserve.FundsRemaining);
        Assert.Equal(7 * Eth / 10, info.Reserve.ClaimedInCurrentRound);
        Assert.Equal(17 * Eth / 10, await chain.CallAsync<BigInteger>("BondingManager", "pendingFees", chain.Address(O), BigInteger.Zero));

        // 1 ETH: only 0.3 left for O this round: refused, and the ticket stays unused for later.
        var (t3, sig3, rand3) = await TicketAsync(chain, Eth, nonce: 3);
        await ExpectRedeemRevertAsync(chain, t3, sig3, rand3, "sender deposit and reserve are insufficient");
        Assert.False(await chain.CallAsync<bool>("TicketBroker", "usedTickets", await HashAsync(chain, t3)));
        info = await chain.CallDtoAsync<SenderInfoOutput>("TicketBroker", "getSenderInfo", chain.Address(B));
        Assert.Equal(3 * Eth / 10, info.Reserve.FundsRemaining);

        // A signature by someone else is refused.
        var (t4, _, rand4) = await TicketAsync(chain, Eth / 10, nonce: 4);
        var forged = new EthereumMessageSigner().Sign(await HashAsync(chain, t4), new EthECKey(chain.Keys[4])).HexToByteArray();
        await ExpectRedeemRevertAsync(chain, t4, forged, rand4, "invalid signature over ticket hash");

        // O withdraws its fees: the ETH leave the Minter.
        await chain.SendAsync(O, "BondingManager", "withdrawFees", chain.Address(O), 17 * Eth / 10);
        var minterEth = await chain.Web3(0).Eth.GetBalance.SendRequestAsync(chain.Record.Address("Minter"));
        Assert.Equal(3 * Eth / 10, minterEth.Value);
        await chain.ExpectRevertAsync("insufficient fees to withdraw", O, "BondingManager", "withdrawFees", chain.Address(O), BigInteger.One);
    }

    [Fact]
    public async Task UnlockAndWithdrawReturnTheFundsAndAThirdPartysFundingDoesNotCancelTheUnlock()
    {
        await using var chain = await DeployedProtocol.StartAsync();
        await chain.NextRoundAsync();
        await chain.ExpectRevertWithValueAsync("funding amount must be greater than 0", B, "TicketBroker", "fundDeposit", BigInteger.Zero);
        await chain.SendValueAsync(B, "TicketBroker", "fundDepositAndReserve", 2 * Eth, Eth, Eth);
        await chain.ExpectRevertAsync("no unlock request in progress", B, "TicketBroker", "withdraw");
        await chain.SendAsync(B, "TicketBroker", "unlock");
        await chain.ExpectRevertAsync("unlock already initiated", B, "TicketBroker", "unlock");
        await chain.SendValueAsync(4, "TicketBroker", "fundDepositAndReserveFor", Eth, chain.Address(B), Eth, BigInteger.Zero);
        Assert.True(await chain.CallAsync<bool>("TicketBroker", "isUnlockInProgress", chain.Address(B)));
        await chain.ExpectRevertAsync("account is locked", B, "TicketBroker", "withdraw");
        for (var i = 0; i < chain.Parameters.UnlockPeriod; i++) await chain.NextRoundAsync();
        var before = (await chain.Web3(0).Eth.GetBalance.SendRequestAsync(chain.Address(B))).Value;
        var receipt = await chain.SendAsync(B, "TicketBroker", "withdraw");
        var after = (await chain.Web3(0).Eth.GetBalance.SendRequestAsync(chain.Address(B))).Value;
        Assert.Equal(before + 3 * Eth - receipt.GasUsed.Value * receipt.EffectiveGasPrice.Value, after);
        Assert.Equal(BigInteger.Zero, (await chain.Web3(0).Eth.GetBalance.SendRequestAsync(chain.Record.Address("Minter"))).Value);
    }

    /// <summary>A ticket from B to O created now, with B's EIP-191 signature over its hash and O's random number.</summary>
    private static async Task<(TicketStruct Ticket, byte[] Sig, BigInteger Rand)> TicketAsync(DeployedProtocol chain, BigInteger faceValue, int nonce)
    {
        var round = await chain.CurrentRoundAsync();
        var blockHash = await chain.CallAsync<byte[]>("RoundsManager", "blockHashForRound", new BigInteger(round));
        var rand = new BigInteger(1000 + nonce);
        var ticket = new TicketStruct
        {
            Recipient = chain.Address(O),
            Sender = chain.Address(B),
            FaceValue = faceValue,
            WinProb = BigInteger.Pow(2, 256) - 1,
            SenderNonce = nonce,
            RecipientRandHash = Sha3Keccack.Current.CalculateHash(new ABIEncode().GetABIEncoded(new ABIValue("uint256", rand))),
            AuxData = [.. new ABIEncode().GetABIEncoded(new ABIValue("uint256", new BigInteger(round))), .. blockHash],
        };
        var sig = new EthereumMessageSigner().Sign(await HashAsync(chain, ticket), new EthECKey(chain.Keys[B])).HexToByteArray();
        return (ticket, sig, rand);
    }

    private static async Task<byte[]> HashAsync(DeployedProtocol chain, TicketStruct ticket)
    {
        var onChain = await chain.Web3(0).Eth.GetContractQueryHandler<GetTicketHashFunction>()
            .QueryAsync<byte[]>(chain.Record.Address("TicketBroker"), new GetTicketHashFunction { Ticket = ticket });
        // The same hash computed here: keccak256(abi.encodePacked(ticket fields)).
        var packed = new ABIEncode().GetSha3ABIEncodedPacked(
            new ABIValue("address", ticket.Recipient), new ABIValue("address", ticket.Sender), new ABIValue("uint256", ticket.FaceValue),
            new ABIValue("uint256", ticket.WinProb), new ABIValue("uint256", ticket.SenderNonce), new ABIValue("bytes32", ticket.RecipientRandHash),
            new ABIValue("bytes", ticket.AuxData));
        Assert.Equal(packed, onChain);
        return onChain;
    }

    private static async Task<Nethereum.RPC.Eth.DTOs.TransactionReceipt> RedeemAsync(DeployedProtocol chain, TicketStruct t, byte[] sig, BigInteger rand)
    {
        var msg = new RedeemWinningTicketFunction { Ticket = t, Sig = sig, RecipientRand = rand, Gas = DeployedProtocol.Gas };
        var receipt = await chain.Web3(O).Eth.GetContractTransactionHandler<RedeemWinningTicketFunction>()
            .SendRequestAndWaitForReceiptAsync(chain.Record.Address("TicketBroker"), msg);
        Assert.Equal(BigInteger.One, receipt.Status.Value);
        return receipt;
    }

    private static async Task ExpectRedeemRevertAsync(DeployedProtocol chain, TicketStruct t, byte[] sig, BigInteger rand, string reason)
    {
        var msg = new RedeemWinningTicketFunction { Ticket = t, Sig = sig, RecipientRand = rand, Gas = DeployedProtocol.Gas };
        var handler = chain.Web3(O).Eth.GetContractQueryHandler<RedeemWinningTicketFunction>();
        var e = await Assert.ThrowsAnyAsync<Exception>(() => handler.QueryAsync<bool>(chain.Record.Address("TicketBroker"), msg));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        var receipt = await chain.Web3(O).Eth.GetContractTransactionHandler<RedeemWinningTicketFunction>()
            .SendRequestAndWaitForReceiptAsync(chain.Record.Address("TicketBroker"), msg);
        Assert.Equal(BigInteger.Zero, receipt.Status.Value);
    }
}
