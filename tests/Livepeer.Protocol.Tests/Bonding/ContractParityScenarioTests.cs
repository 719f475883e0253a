using System.Collections.Immutable;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Bonding;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.State;
using Livepeer.Protocol.TicketBroker;
using Livepeer.Protocol.Tests.Support;

namespace Livepeer.Protocol.Tests.Bonding;

/// <summary>
/// Three orchestrators, four delegators, 13 rounds: rewards (with a 10 % treasury cut in 1e27 precision), a skipped
/// reward followed by the missed-reward fee estimate, a rate change, ticket fees including one paid partly from the
/// reserve, an unbond and a rebond, a claim after eleven rounds, and a 5 % slash of an orchestrator's pool. Every expected
/// integer comes from tests/reference/lip36_scenario.py, a separate model of the contracts' formulas (RULES.md F1-F12;
/// pOf(a, n, d) = a * floor(n * 1e27 / d) / 1e27, mOf(a, f) = a * f / 1e6, minted = mintable * floor(stake * 1e9 /
/// totalActive) / 1e9), not from this project's code; the comments show each step's arithmetic as that model did it.
/// Regenerate the body with `python3 tests/reference/lip36_scenario.py`.
/// </summary>
public class ContractParityScenarioTests
{
    private static readonly Address O1 = Addr.Of(1), O2 = Addr.Of(2), O3 = Addr.Of(3), D1 = Addr.Of(11), D2 = Addr.Of(12), D3 = Addr.Of(13),
        D4 = Addr.Of(14), B = Addr.Of(20), V = Addr.Of(30), Finder = Addr.Of(31);
    private static readonly Hash Evidence = Keccak256.Hash("failed verification of O3"u8);

    private static UInt256 W(string wei) => UInt256.Parse(wei);
    private static UInt256 L(ulong n) => TestChain.Lpt(n);
    private static UInt256 Eth(ulong n) => TestChain.Lpt(n);

    private static void AssertStake(TestChain c, Address a, string stake, string fees)
    {
        var (s, f) = BondingManager.PendingStakeAndFees(c.State, a, c.Round);
        Assert.True(W(stake) == s, $"round {c.Round}: pendingStake of {a} is {s}, expected {stake}");
        Assert.True(W(fees) == f, $"round {c.Round}: pendingFees of {a} is {f}, expected {fees}");
    }

    private static void Redeem(TestChain c, Address recipient, UInt256 face, ulong nonce)
    {
        var rand = (UInt256)(nonce * 31 + 7);
        var t = new Ticket(recipient, B, face, UInt256.MaxValue, (UInt256)nonce, Ticket.RecipientRandHashOf(rand), c.Round, c.State.RoundBlockHashes.Get(c.Round));
        c.Call(recipient, new RedeemWinningTicketCall(t, FakeSignatures.SignPersonal(B, t.Hash()), rand));
    }

    [Fact]
    public void ThreeOrchestratorsFourDelegatorsThirteenRoundsToTheWei()
    {
        // Supply 50,000 LPT; inflation 0.1 %/round moving 1,000 ppb toward a 50 % bonding rate; treasury cut 1e26 (10 %).
        var p = ProtocolParameters.Devnet with { InitialInflation = 1_000_000, InflationChange = 1_000, TargetBondingRate = 500_000_000 };
        var c = new TestChain(p,
            [(O1, L(10000)), (O2, L(10000)), (O3, L(10000)), (D1, L(5000)), (D2, L(5000)), (D3, L(5000)), (D4, L(5000))],
            [(B, Eth(100))], verifiers: ImmutableArray.Create(V), verifierThreshold: 1);

        // R1 initializeRound: totalActive = 0; bondingRate = totalActive*1e9/supply = 0 ppb < target -> inflation 1000000 -> 1001000 ppb; mintable = supply 50000000000000000000000 * 1001000 / 1e9 = 50050000000000000000
        c.StartRound(1);
        c.Call(O1, new BondCall(L(3000), O1));
        c.Call(O1, new TranscoderUpdateCall(100_000, 500_000));
        c.Call(O2, new BondCall(L(2000), O2));
        c.Call(O2, new TranscoderUpdateCall(200_000, 750_000));
        c.Call(O3, new BondCall(L(1000), O3));
        c.Call(O3, new TranscoderUpdateCall(50_000, 900_000));
        c.Call(D1, new BondCall(L(1000), O1));
        c.Call(D2, new BondCall(L(500), O1));
        c.Call(D3, new BondCall(L(800), O2));
        c.Call(D4, new BondCall(L(400), O3));
        c.Call(B, new FundDepositAndReserveCall(Eth(2), Eth(3)));
        // Round 1 end: expected values (python model).
        AssertStake(c, O1, "3000000000000000000000", "0");
        AssertStake(c, O2, "2000000000000000000000", "0");
        AssertStake(c, O3, "1000000000000000000000", "0");
        AssertStake(c, D1, "1000000000000000000000", "0");
        AssertStake(c, D2, "500000000000000000000", "0");
        AssertStake(c, D3, "800000000000000000000", "0");
        AssertStake(c, D4, "400000000000000000000", "0");
        Assert.Equal(W("4500000000000000000000"), c.State.DelegatorOf(O1).DelegatedAmount);
        Assert.Equal(W("2800000000000000000000"), c.State.DelegatorOf(O2).DelegatedAmount);
        Assert.Equal(W("1400000000000000000000"), c.State.DelegatorOf(O3).DelegatedAmount);
        Assert.Equal(W("50000000000000000000000"), c.State.Supply.Value.TotalSupply);
        Assert.Equal(W("0"), c.State.LptBalanceOf(ProtocolAccounts.Treasury));

        // R2 initializeRound: totalActive = 8700000000000000000000; bondingRate = totalActive*1e9/supply = 174000000 ppb < target -> inflation 1001000 -> 1002000 ppb; mintable = supply 50000000000000000000000 * 1002000 / 1e9 = 50100000000000000000
        c.StartRound(2);
        // R2 O1 reward: minted = mintable * floor(stake 4500000000000000000000 * 1e9 / totalActive) / 1e9 = 25913793087900000000; treasury = minted * 1e26 / 1e27 = 2591379308790000000; rewards = 23322413779110000000; commission = rewards * 100000 / 1e6 = 2332241377911000000; delegatorsRewards = 20990172401199000000; unclaimed-commission share = pOf(20990172401199000000, 0, 4500000000000000000000) = 0; CRF_2 = prev 1000000000000000000000000000 + pOf(prev, 20990172401199000000, 4500000000000000000000) = 1004664482755822000000000000
        c.Call(O1, new RewardCall());
        // R2 O2 reward: minted = mintable * floor(stake 2800000000000000000000 * 1e9 / totalActive) / 1e9 = 16124137908000000000; treasury = minted * 1e26 / 1e27 = 1612413790800000000; rewards = 14511724117200000000; commission = rewards * 200000 / 1e6 = 2902344823440000000; delegatorsRewards = 11609379293760000000; unclaimed-commission share = pOf(11609379293760000000, 0, 2800000000000000000000) = 0; CRF_2 = prev 1000000000000000000000000000 + pOf(prev, 11609379293760000000, 2800000000000000000000) = 1004146206890628571428571428
        c.Call(O2, new RewardCall());
        // R2 O3 reward: minted = mintable * floor(stake 1400000000000000000000 * 1e9 / totalActive) / 1e9 = 8062068954000000000; treasury = minted * 1e26 / 1e27 = 806206895400000000; rewards = 7255862058600000000; commission = rewards * 50000 / 1e6 = 362793102930000000; delegatorsRewards = 6893068955670000000; unclaimed-commission share = pOf(6893068955670000000, 0, 1400000000000000000000) = 0; CRF_2 = prev 1000000000000000000000000000 + pOf(prev, 6893068955670000000, 1400000000000000000000) = 1004923620682621428571428571
        c.Call(O3, new RewardCall());
        // R2 ticket 1 to O1: pool[1] holds no reward factor and reward was called in 2: estimate rewards = pOf(mintable, 4500000000000000000000, 8700000000000000000000) less treasury and commission = 20990172413793103449; prevCRF = pOf(CRF_2 1004664482755822000000000000, 4500000000000000000000, 4520990172413793103449) = 999999999997214304174814007
        // R2 ticket 1 to O1 fee 100000000000000000: delegatorsFees = fee * 500000 / 1e6 = 50000000000000000; transcoder keeps 50000000000000000 (commission + pOf(delegatorsFees, 0, 4500000000000000000000)); CFF_2 += pOf(prevCRF 999999999997214304174814007, 50000000000000000, 4500000000000000000000) = 11111111111080158935275 -> 11111111111080158935275
        Redeem(c, O1, W("100000000000000000"), 1);
        // Round 2 end: expected values (python model).
        AssertStake(c, O1, "3016325689645377000000", "83333333333240476");
        AssertStake(c, O2, "2011194758604697142857", "0");
        AssertStake(c, O3, "1005286413785551428571", "0");
        AssertStake(c, D1, "1004664482755822000000", "11111111111080158");
        AssertStake(c, D2, "502332241377911000000", "5555555555540079");
        AssertStake(c, D3, "803316965512502857142", "0");
        AssertStake(c, D4, "401969448273048571428", "0");
        Assert.Equal(W("4523322413779110000000"), c.State.DelegatorOf(O1).DelegatedAmount);
        Assert.Equal(W("2814511724117200000000"), c.State.DelegatorOf(O2).DelegatedAmount);
        Assert.Equal(W("1407255862058600000000"), c.State.DelegatorOf(O3).DelegatedAmount);
        Assert.Equal(W("50050099999949900000000"), c.State.Supply.Value.TotalSupply);
        Assert.Equal(W("5009999994990000000"), c.State.LptBalanceOf(ProtocolAccounts.Treasury));
        // Round 3: O3 skips reward; its fee uses the transcoder's current rates and round-3 stake.

        // R3 initializeRound: totalActive = 8745089999954910000000; bondingRate = totalActive*1e9/supply = 174726723 ppb < target -> inflation 1002000 -> 1003000 ppb; mintable = supply 50050099999949900000000 * 1003000 / 1e9 = 50200250299949749700
        c.StartRound(3);
        // R3 O1 reward: minted = mintable * floor(stake 4523322413779110000000 * 1e9 / totalActive) / 1e9 = 25965646691291172165; treasury = minted * 1e26 / 1e27 = 2596564669129117216; rewards = 23369082022162054949; commission = rewards * 100000 / 1e6 = 2336908202216205494; delegatorsRewards = 21032173819945849455; unclaimed-commission share = pOf(21032173819945849455, 2332241377911000000, 4523322413779110000000) = 10844264804310621; CRF_3 = prev 1004664482755822000000000000 + pOf(prev, 21032173819945849455, 4523322413779110000000) = 1009335889323631230851891259
        c.Call(O1, new RewardCall());
        // R3 O2 reward: minted = mintable * floor(stake 2814511724117200000000 * 1e9 / totalActive) / 1e9 = 16156402372305551489; treasury = minted * 1e26 / 1e27 = 1615640237230555148; rewards = 14540762135074996341; commission = rewards * 200000 / 1e6 = 2908152427014999268; delegatorsRewards = 11632609708059997073; unclaimed-commission share = pOf(11632609708059997073, 2902344823440000000, 2814511724117200000000) = 11995631171113904; CRF_3 = prev 1004146206890628571428571428 + pOf(prev, 11632609708059997073, 2814511724117200000000) = 1008296426203803172560201177
        c.Call(O2, new RewardCall());
        // R3 ticket 2 to O3 fee 50000000000000000: delegatorsFees = fee * 900000 / 1e6 = 45000000000000000; transcoder keeps 5011601081275986 (commission + pOf(delegatorsFees, 362793102930000000, 1407255862058600000000)); CFF_3 += pOf(prevCRF 1004923620682621428571428571, 45000000000000000, 1407255862058600000000) = 32134570656231438348955 -> 32134570656231438348955
        Redeem(c, O3, W("50000000000000000"), 2);
        // Round 3 end: expected values (python model).
        AssertStake(c, O1, "3032687661815825208670", "83333333333240476");
        AssertStake(c, O2, "2022415345289232458292", "0");
        AssertStake(c, O3, "1005286413785551428571", "37146171737507424");
        AssertStake(c, D1, "1009335889323631230851", "11111111111080158");
        AssertStake(c, D2, "504667944661815615425", "5555555555540079");
        AssertStake(c, D3, "806637140963042538048", "0");
        AssertStake(c, D4, "401969448273048571428", "12853828262492575");
        Assert.Equal(W("4546691495801272054949"), c.State.DelegatorOf(O1).DelegatedAmount);
        Assert.Equal(W("2829052486252274996341"), c.State.DelegatorOf(O2).DelegatedAmount);
        Assert.Equal(W("1407255862058600000000"), c.State.DelegatorOf(O3).DelegatedAmount);
        Assert.Equal(W("50092222049013496723654"), c.State.Supply.Value.TotalSupply);
        Assert.Equal(W("9222204901349672364"), c.State.LptBalanceOf(ProtocolAccounts.Treasury));
        // Round 4: O3 rewards after skipping round 3, then earns a fee: the missed-reward estimate fires.

        // R4 initializeRound: totalActive = 8782999844112147051290; bondingRate = totalActive*1e9/supply = 175336598 ppb < target -> inflation 1003000 -> 1004000 ppb; mintable = supply 50092222049013496723654 * 1004000 / 1e9 = 50292590937209550710
        c.StartRound(4);
        // R4 O1 reward: minted = mintable * floor(stake 4546691495801272054949 * 1e9 / totalActive) / 1e9 = 26034942415873436999; treasury = minted * 1e26 / 1e27 = 2603494241587343699; rewards = 23431448174286093300; commission = rewards * 100000 / 1e6 = 2343144817428609330; delegatorsRewards = 21088303356857483970; unclaimed-commission share = pOf(21088303356857483970, 4679993844931516115, 4546691495801272054949) = 21706581588234364; CRF_4 = prev 1009335889323631230851891259 + pOf(prev, 21088303356857483970, 4546691495801272054949) = 1014017355273691064097547360
        c.Call(O1, new RewardCall());
        // R4 O2 reward: minted = mintable * floor(stake 2829052486252274996341 * 1e9 / totalActive) / 1e9 = 16199519747784623438; treasury = minted * 1e26 / 1e27 = 1619951974778462343; rewards = 14579567773006161095; commission = rewards * 200000 / 1e6 = 2915913554601232219; delegatorsRewards = 11663654218404928876; unclaimed-commission share = pOf(11663654218404928876, 5822492881626113172, 2829052486252274996341) = 24005049036886341; CRF_4 = prev 1008296426203803172560201177 + pOf(prev, 11663654218404928876, 2829052486252274996341) = 1012453443764291759179498476
        c.Call(O2, new RewardCall());
        // R4 O3 reward: minted = mintable * floor(stake 1407255862058600000000 * 1e9 / totalActive) / 1e9 = 8058128723258899334; treasury = minted * 1e26 / 1e27 = 805812872325889933; rewards = 7252315850933009401; commission = rewards * 50000 / 1e6 = 362615792546650470; delegatorsRewards = 6889700058386358931; unclaimed-commission share = pOf(6889700058386358931, 362793102930000000, 1407255862058600000000) = 1776177118766839; CRF_4 = prev 1004923620682621428571428571 + pOf(prev, 6889700058386358931, 1407255862058600000000) = 1009843566312098280065230951
        c.Call(O3, new RewardCall());
        // R4 ticket 3 to O3: pool[3] holds no reward factor and reward was called in 4: estimate rewards = pOf(mintable, 1407255862058600000000, 8782999844112147051290) less treasury and commission = 6889700067564718637; prevCRF = pOf(CRF_4 1009843566312098280065230951, 1407255862058600000000, 1414145562126164718637) = 1004923620676099079872180513
        // R4 ticket 3 to O3 fee 50000000000000000: delegatorsFees = fee * 900000 / 1e6 = 45000000000000000; transcoder keeps 5011601081275986 (commission + pOf(delegatorsFees, 362793102930000000, 1407255862058600000000)); CFF_4 += pOf(prevCRF 1004923620676099079872180513, 45000000000000000, 1407255862058600000000) = 32134570656022872373584 -> 64269141312254310722539
        Redeem(c, O3, W("50000000000000000"), 3);
        // Round 4 end: expected values (python model).
        AssertStake(c, O1, "3049096911065021552101", "83333333333240476");
        AssertStake(c, O2, "2033669299013847750090", "0");
        AssertStake(c, O3, "1010570751384693697374", "74292343474806282");
        AssertStake(c, D1, "1014017355273691064097", "11111111111080158");
        AssertStake(c, D2, "507008677636845532048", "5555555555540079");
        AssertStake(c, D3, "809962755011433407343", "0");
        AssertStake(c, D4, "403937426524839312026", "25707656524901724");
        Assert.Equal(W("4570122943975558148249"), c.State.DelegatorOf(O1).DelegatedAmount);
        Assert.Equal(W("2843632054025281157436"), c.State.DelegatorOf(O2).DelegatedAmount);
        Assert.Equal(W("1414508177909533009401"), c.State.DelegatorOf(O3).DelegatedAmount);
        Assert.Equal(W("50142514639900413683425"), c.State.Supply.Value.TotalSupply);
        Assert.Equal(W("14251463990041368339"), c.State.LptBalanceOf(ProtocolAccounts.Treasury));
        // Round 5: O2 changes its rates after its reward; a 2.5 ETH ticket to O2 takes 1.8 from the deposit and 0.7 from the reserve.

        // R5 initializeRound: totalActive = 8828263175910372315086; bondingRate = totalActive*1e9/supply = 176063431 ppb < target -> inflation 1004000 -> 1005000 ppb; mintable = supply 50142514639900413683425 * 1005000 / 1e9 = 50393227213099915751
        c.StartRound(5);
        // R5 O2 reward: minted = mintable * floor(stake 2843632054025281157436 * 1e9 / totalActive) / 1e9 = 16231935244943337208; treasury = minted * 1e26 / 1e27 = 1623193524494333720; rewards = 14608741720449003488; commission = rewards * 200000 / 1e6 = 2921748344089800697; delegatorsRewards = 11686993376359202791; unclaimed-commission share = pOf(11686993376359202791, 8762411485264231732, 2843632054025281157436) = 36012480884879785; CRF_5 = prev 1012453443764291759179498476 + pOf(prev, 11686993376359202791, 2843632054025281157436) = 1016614508369818303109863876
        c.Call(O2, new RewardCall());
        c.Call(O2, new TranscoderUpdateCall(300_000, 600_000));
        // R5 O1 reward: minted = mintable * floor(stake 4570122943975558148249 * 1e9 / totalActive) / 1e9 = 26087038750520915360; treasury = minted * 1e26 / 1e27 = 2608703875052091536; rewards = 23478334875468823824; commission = rewards * 100000 / 1e6 = 2347833487546882382; delegatorsRewards = 21130501387921941442; unclaimed-commission share = pOf(21130501387921941442, 7044845243948359809, 4570122943975558148249) = 32572671245349814; CRF_5 = prev 1014017355273691064097547360 + pOf(prev, 21130501387921941442, 4570122943975558148249) = 1018705783877396973348056510
        c.Call(O1, new RewardCall());
        // R5 O3 reward: minted = mintable * floor(stake 1414508177909533009401 * 1e9 / totalActive) / 1e9 = 8074253167242435968; treasury = minted * 1e26 / 1e27 = 807425316724243596; rewards = 7266827850518192372; commission = rewards * 50000 / 1e6 = 363341392525909618; delegatorsRewards = 6903486457992282754; unclaimed-commission share = pOf(6903486457992282754, 727185072595417309, 1414508177909533009401) = 3549016102922571; CRF_5 = prev 1009843566312098280065230951 + pOf(prev, 6903486457992282754, 1414508177909533009401) = 1014772093056304965909791498
        c.Call(O3, new RewardCall());
        // R5 ticket 4 to O2: deposit covers 1800000000000000000, reserve share = (reserve 3000000000000000000 + claimed 0) / pool size 3 = 1000000000000000000 >= 700000000000000000
        // R5 ticket 4 to O2 fee 2500000000000000000: delegatorsFees = fee * 750000 / 1e6 = 1875000000000000000; transcoder keeps 630777653797232224 (commission + pOf(delegatorsFees, 8762411485264231732, 2843632054025281157436)); CFF_5 += pOf(prevCRF 1012453443764291759179498476, 1875000000000000000, 2843632054025281157436) = 667579409358131348561787 -> 667579409358131348561787
        Redeem(c, O2, W("2500000000000000000"), 4);
        // Round 5 end: expected values (python model).
        AssertStake(c, O1, "3065542603034931512049", "83333333333240476");
        AssertStake(c, O2, "2044949189049875518433", "1965936472513494921");
        AssertStake(c, O3, "1015866168537529215407", "74292343474806282");
        AssertStake(c, D1, "1018705783877396973348", "11111111111080158");
        AssertStake(c, D2, "509352891938698486674", "5555555555540079");
        AssertStake(c, D3, "813291606695854642487", "534063527486505078");
        AssertStake(c, D4, "405908837222521986363", "25707656524901724");
        Assert.Equal(W("4593601278851026972073"), c.State.DelegatorOf(O1).DelegatedAmount);
        Assert.Equal(W("2858240795745730160924"), c.State.DelegatorOf(O2).DelegatedAmount);
        Assert.Equal(W("1421775005760051201773"), c.State.DelegatorOf(O3).DelegatedAmount);
        Assert.Equal(W("50192907867063120371961"), c.State.Supply.Value.TotalSupply);
        Assert.Equal(W("19290786706312037191"), c.State.LptBalanceOf(ProtocolAccounts.Treasury));
        // Round 6: D2 unbonds 200 LPT after O1's reward.

        // R6 initializeRound: totalActive = 8873617080356808334770; bondingRate = totalActive*1e9/supply = 176790256 ppb < target -> inflation 1005000 -> 1006000 ppb; mintable = supply 50192907867063120371961 * 1006000 / 1e9 = 50494065314265499094
        c.StartRound(6);
        // R6 O1 reward: minted = mintable * floor(stake 4593601278851026972073 * 1e9 / totalActive) / 1e9 = 26139239563965776353; treasury = minted * 1e26 / 1e27 = 2613923956396577635; rewards = 23525315607569198718; commission = rewards * 100000 / 1e6 = 2352531560756919871; delegatorsRewards = 21172784046812278847; unclaimed-commission share = pOf(21172784046812278847, 9425251402740592005, 4593601278851026972073) = 43442780603512815; CRF_6 = prev 1018705783877396973348056510 + pOf(prev, 21172784046812278847, 4593601278851026972073) = 1023401193047665588021681886
        c.Call(O1, new RewardCall());
        // R6 O2 reward: minted = mintable * floor(stake 2858240795745730160924 * 1e9 / totalActive) / 1e9 = 16264415751131623204; treasury = minted * 1e26 / 1e27 = 1626441575113162320; rewards = 14637974176018460884; commission = rewards * 300000 / 1e6 = 4391392252805538265; delegatorsRewards = 10246581923212922619; unclaimed-commission share = pOf(10246581923212922619, 11720172310238912214, 2858240795745730160924) = 42015951178704701; CRF_6 = prev 1016614508369818303109863876 + pOf(prev, 10246581923212922619, 2858240795745730160924) = 1020258996216973380937493525
        c.Call(O2, new RewardCall());
        // R6 O3 reward: minted = mintable * floor(stake 1421775005760051201773 * 1e9 / totalActive) / 1e9 = 8090409948674034221; treasury = minted * 1e26 / 1e27 = 809040994867403422; rewards = 7281368953806630799; commission = rewards * 50000 / 1e6 = 364068447690331539; delegatorsRewards = 6917300506116299260; unclaimed-commission share = pOf(6917300506116299260, 1094075481224249498, 1421775005760051201773) = 5322958168023367; CRF_6 = prev 1014772093056304965909791498 + pOf(prev, 6917300506116299260, 1421775005760051201773) = 1019709219876268020118815649
        c.Call(O3, new RewardCall());
        c.Call(D2, new UnbondCall(L(200)));
        // Round 6 end: expected values (python model).
        AssertStake(c, O1, "3082024804887097788756", "83333333333240476");
        AssertStake(c, O2, "2056671572948169917054", "1965936472513494921");
        AssertStake(c, O3, "1021172686763350624522", "74292343474806282");
        AssertStake(c, D1, "1023401193047665588021", "11111111111080158");
        AssertStake(c, D2, "311700596523832794010", "5555555555540079");
        AssertStake(c, D3, "816207196973578704749", "534063527486505078");
        AssertStake(c, D4, "407883687950507208047", "25707656524901724");
        Assert.Equal(W("4417126594458596170791"), c.State.DelegatorOf(O1).DelegatedAmount);
        Assert.Equal(W("2872878769921748621808"), c.State.DelegatorOf(O2).DelegatedAmount);
        Assert.Equal(W("1429056374713857832572"), c.State.DelegatorOf(O3).DelegatedAmount);
        Assert.Equal(W("50243401932326891805739"), c.State.Supply.Value.TotalSupply);
        Assert.Equal(W("24340193232689180568"), c.State.LptBalanceOf(ProtocolAccounts.Treasury));
        // Round 7: D2 rebonds its lock before O1's reward (its own claim forfeits its round-7 share).

        // R7 initializeRound: totalActive = 8719061739094202625171; bondingRate = totalActive*1e9/supply = 173536452 ppb < target -> inflation 1006000 -> 1007000 ppb; mintable = supply 50243401932326891805739 * 1007000 / 1e9 = 50595105745853180048
        c.StartRound(7);
        c.Call(D2, new RebondCall(0));
        // R7 O1 reward: minted = mintable * floor(stake 4417126594458596170791 * 1e9 / totalActive) / 1e9 = 25631770227829616021; treasury = minted * 1e26 / 1e27 = 2563177022782961602; rewards = 23068593205046654419; commission = rewards * 100000 / 1e6 = 2306859320504665441; delegatorsRewards = 20761733884541988978; unclaimed-commission share = pOf(20761733884541988978, 11821225744101024691, 4417126594458596170791) = 55563076547550114; CRF_7 = prev 1023401193047665588021681886 + pOf(prev, 20761733884541988978, 4417126594458596170791) = 1028211465692745328160354523
        c.Call(O1, new RewardCall());
        // R7 O2 reward: minted = mintable * floor(stake 2872878769921748621808 * 1e9 / totalActive) / 1e9 = 16670785138692002844; treasury = minted * 1e26 / 1e27 = 1667078513869200284; rewards = 15003706624822802560; commission = rewards * 300000 / 1e6 = 4501111987446840768; delegatorsRewards = 10502594637375961792; unclaimed-commission share = pOf(10502594637375961792, 16153580514223155180, 2872878769921748621808) = 59053834731676472; CRF_7 = prev 1020258996216973380937493525 + pOf(prev, 10502594637375961792, 2872878769921748621808) = 1023988832217917768551535368
        c.Call(O2, new RewardCall());
        // R7 O3 reward: minted = mintable * floor(stake 1429056374713857832572 * 1e9 / totalActive) / 1e9 = 8292550328736455435; treasury = minted * 1e26 / 1e27 = 829255032873645543; rewards = 7463295295862809892; commission = rewards * 50000 / 1e6 = 373164764793140494; delegatorsRewards = 7090130531069669398; unclaimed-commission share = pOf(7090130531069669398, 1463466887082604404, 1429056374713857832572) = 7260855093551854; CRF_7 = prev 1019709219876268020118815649 + pOf(prev, 7090130531069669398, 1429056374713857832572) = 1024768412501965246935791238
        c.Call(O3, new RewardCall());
        // Round 7 end: expected values (python model).
        AssertStake(c, O1, "3098818045219389224727", "83333333333240476");
        AssertStake(c, O2, "2068691410772237209523", "1965936472513494921");
        AssertStake(c, O3, "1026612305008934543687", "74292343474806282");
        AssertStake(c, D1, "1028211465692745328160", "11111111111080158");
        AssertStake(c, D2, "511700596523832794010", "5555555555540079");
        AssertStake(c, D3, "819191065774334214841", "534063527486505078");
        AssertStake(c, D4, "409907365000786098774", "25707656524901724");
        Assert.Equal(W("4640195187663642825210"), c.State.DelegatorOf(O1).DelegatedAmount);
        Assert.Equal(W("2887882476546571424368"), c.State.DelegatorOf(O2).DelegatedAmount);
        Assert.Equal(W("1436519670009720642464"), c.State.DelegatorOf(O3).DelegatedAmount);
        Assert.Equal(W("50293997038022149880039"), c.State.Supply.Value.TotalSupply);
        Assert.Equal(W("29399703802214987997"), c.State.LptBalanceOf(ProtocolAccounts.Treasury));

        // R8 initializeRound: totalActive = 8964597334219934892042; bondingRate = totalActive*1e9/supply = 178243883 ppb < target -> inflation 1007000 -> 1008000 ppb; mintable = supply 50293997038022149880039 * 1008000 / 1e9 = 50696349014326327079
        c.StartRound(8);
        // R8 O1 reward: minted = mintable * floor(stake 4640195187663642825210 * 1e9 / totalActive) / 1e9 = 26241106640503856037; treasury = minted * 1e26 / 1e27 = 2624110664050385603; rewards = 23616995976453470434; commission = rewards * 100000 / 1e6 = 2361699597645347043; delegatorsRewards = 21255296378808123391; unclaimed-commission share = pOf(21255296378808123391, 14183648141153240246, 4640195187663642825210) = 64970897296399779; CRF_8 = prev 1028211465692745328160354523 + pOf(prev, 21255296378808123391, 4640195187663642825210) = 1032921383823235018570918264
        c.Call(O1, new RewardCall());
        // R8 O2 reward: minted = mintable * floor(stake 2887882476546571424368 * 1e9 / totalActive) / 1e9 = 16331475075841804299; treasury = minted * 1e26 / 1e27 = 1633147507584180429; rewards = 14698327568257623870; commission = rewards * 300000 / 1e6 = 4409498270477287161; delegatorsRewards = 10288829297780336709; unclaimed-commission share = pOf(10288829297780336709, 20713746336401672420, 2887882476546571424368) = 73798086280718757; CRF_8 = prev 1023988832217917768551535368 + pOf(prev, 10288829297780336709, 2887882476546571424368) = 1027637057650596203534234078
        c.Call(O2, new RewardCall());
        // R8 O3 reward: minted = mintable * floor(stake 1436519670009720642464 * 1e9 / totalActive) / 1e9 = 8123767247284317727; treasury = minted * 1e26 / 1e27 = 812376724728431772; rewards = 7311390522555885955; commission = rewards * 50000 / 1e6 = 365569526127794297; delegatorsRewards = 6945820996428091658; unclaimed-commission share = pOf(6945820996428091658, 1843892506969296752, 1436519670009720642464) = 8915539102904945; CRF_8 = prev 1024768412501965246935791238 + pOf(prev, 6945820996428091658, 1436519670009720642464) = 1029723344971483237444917707
        c.Call(O3, new RewardCall());
        // R8 ticket 5 to O1: deposit covers 0, reserve share = (reserve 2300000000000000000 + claimed 0) / pool size 3 = 766666666666666666 >= 300000000000000000
        // R8 ticket 5 to O1 fee 300000000000000000: delegatorsFees = fee * 500000 / 1e6 = 150000000000000000; transcoder keeps 150458503820449030 (commission + pOf(delegatorsFees, 14183648141153240246, 4640195187663642825210)); CFF_8 += pOf(prevCRF 1028211465692745328160354523, 150000000000000000, 4640195187663642825210) = 33238196587925883846133 -> 44349307699006042781408
        Redeem(c, O1, W("300000000000000000"), 5);
        // Round 8 end: expected values (python model).
        AssertStake(c, O1, "3115374470105800042780", "333506426917467158");
        AssertStake(c, O2, "2080471157994352085406", "1965936472513494921");
        AssertStake(c, O3, "1031941722543683233438", "74292343474806282");
        AssertStake(c, D1, "1032921383823235018570", "44349307699006042");
        AssertStake(c, D2, "514044538404821482597", "22096904868309272");
        AssertStake(c, D3, "822109646120476962827", "534063527486505078");
        AssertStake(c, D4, "411889337988593294977", "25707656524901724");
        Assert.Equal(W("4663812183640096295644"), c.State.DelegatorOf(O1).DelegatedAmount);
        Assert.Equal(W("2902580804114829048238"), c.State.DelegatorOf(O2).DelegatedAmount);
        Assert.Equal(W("1443831060532276528419"), c.State.DelegatorOf(O3).DelegatedAmount);
        Assert.Equal(W("50344693386985779858102"), c.State.Supply.Value.TotalSupply);
        Assert.Equal(W("34469338698577985801"), c.State.LptBalanceOf(ProtocolAccounts.Treasury));
        // Round 9: O3 rewards, then the verifier attests a failed verification reported by the finder: 5 % of O3's pool.

        // R9 initializeRound: totalActive = 9010224048287201872301; bondingRate = totalActive*1e9/supply = 178970680 ppb < target -> inflation 1008000 -> 1009000 ppb; mintable = supply 50344693386985779858102 * 1009000 / 1e9 = 50797795627468651876
        c.StartRound(9);
        // R9 O1 reward: minted = mintable * floor(stake 4663812183640096295644 * 1e9 / totalActive) / 1e9 = 26293616760967035897; treasury = minted * 1e26 / 1e27 = 2629361676096703589; rewards = 23664255084870332308; commission = rewards * 100000 / 1e6 = 2366425508487033230; delegatorsRewards = 21297829576383299078; unclaimed-commission share = pOf(21297829576383299078, 16610318636094987068, 4663812183640096295644) = 75852912079504585; CRF_9 = prev 1032921383823235018570918264 + pOf(prev, 21297829576383299078, 4663812183640096295644) = 1037638336979204326245485550
        c.Call(O1, new RewardCall());
        // R9 O2 reward: minted = mintable * floor(stake 2902580804114829048238 * 1e9 / totalActive) / 1e9 = 16364155394371137725; treasury = minted * 1e26 / 1e27 = 1636415539437113772; rewards = 14727739854934023953; commission = rewards * 300000 / 1e6 = 4418321956480207185; delegatorsRewards = 10309417898453816768; unclaimed-commission share = pOf(10309417898453816768, 25197042693159678338, 2902580804114829048238) = 89495128804238005; CRF_9 = prev 1027637057650596203534234078 + pOf(prev, 10309417898453816768, 2902580804114829048238) = 1031287030068328195949230973
        c.Call(O2, new RewardCall());
        // R9 O3 reward: minted = mintable * floor(stake 1443831060532276528419 * 1e9 / totalActive) / 1e9 = 8140023421332682625; treasury = minted * 1e26 / 1e27 = 814002342133268262; rewards = 7326021079199414363; commission = rewards * 50000 / 1e6 = 366301053959970718; delegatorsRewards = 6959720025239443645; unclaimed-commission share = pOf(6959720025239443645, 2218377572199995994, 1443831060532276528419) = 10693277928991630; CRF_9 = prev 1029723344971483237444917707 + pOf(prev, 6959720025239443645, 1443831060532276528419) = 1034686935505276417455076196
        c.Call(O3, new RewardCall());
        // R9 slash O3: penalty = delegated 1451157081611475942782 * 50000 / 1e6 = 72557854080573797139; finder 36278927040286898569; burned 36278927040286898570; slash record (CRF 1034686935505276417455076196, CFF 64269141312254310722539); every delegator's stake * (1e6 - 50000) / 1e6 at its next claim
        c.Call(Finder, new ReportFailedVerificationCall(O3, Evidence, "http://127.0.0.1/evidence"));
        c.Call(V, new AttestFailedVerificationCall(O3, Evidence));
        // Round 9 end: expected values (python model).
        AssertStake(c, O1, "3131967607994274503619", "333506426917467158");
        AssertStake(c, O2, "2092278919915100515426", "1965936472513494921");
        AssertStake(c, O3, "985418192038897107006", "74292343474806282");
        AssertStake(c, D1, "1037638336979204326245", "44349307699006042");
        AssertStake(c, D2, "516391981342601105894", "22096904868309272");
        AssertStake(c, D3, "825029624054662556759", "534063527486505078");
        AssertStake(c, D4, "393181035492005038632", "25707656524901724");
        Assert.Equal(W("4687476438724966627952"), c.State.DelegatorOf(O1).DelegatedAmount);
        Assert.Equal(W("2917308543969763072191"), c.State.DelegatorOf(O2).DelegatedAmount);
        Assert.Equal(W("1378599227530902145643"), c.State.DelegatorOf(O3).DelegatedAmount);
        Assert.Equal(W("50359212255522163815779"), c.State.Supply.Value.TotalSupply);
        Assert.Equal(W("39549118256245071424"), c.State.LptBalanceOf(ProtocolAccounts.Treasury));
        // Rounds 10-11: O3 is out of the pool; O1 and O2 reward.

        // R10 initializeRound: totalActive = 7604784982694729700143; bondingRate = totalActive*1e9/supply = 151010801 ppb < target -> inflation 1009000 -> 1010000 ppb; mintable = supply 50359212255522163815779 * 1010000 / 1e9 = 50862804378077385453
        c.StartRound(10);
        // R10 O1 reward: minted = mintable * floor(stake 4687476438724966627952 * 1e9 / totalActive) / 1e9 = 31351076644785429029; treasury = minted * 1e26 / 1e27 = 3135107664478542902; rewards = 28215968980306886127; commission = rewards * 100000 / 1e6 = 2821596898030688612; delegatorsRewards = 25394372082276197515; unclaimed-commission share = pOf(25394372082276197515, 19052597056661524883, 4687476438724966627952) = 103217316420719674; CRF_10 = prev 1037638336979204326245485550 + pOf(prev, 25394372082276197515, 4687476438724966627952) = 1043259735691397465000281780
        c.Call(O1, new RewardCall());
        // R10 O2 reward: minted = mintable * floor(stake 2917308543969763072191 * 1e9 / totalActive) / 1e9 = 19511727682429152045; treasury = minted * 1e26 / 1e27 = 1951172768242915204; rewards = 17560554914186236841; commission = rewards * 300000 / 1e6 = 5268166474255871052; delegatorsRewards = 12292388439930365789; unclaimed-commission share = pOf(12292388439930365789, 29704859778444123528, 2917308543969763072191) = 125164571880842379; CRF_10 = prev 1031287030068328195949230973 + pOf(prev, 12292388439930365789, 2917308543969763072191) = 1035632467164060168595563865
        c.Call(O2, new RewardCall());
        // Round 10 end: expected values (python model).
        AssertStake(c, O1, "3151756618345305328169", "333506426917467158");
        AssertStake(c, O2, "2106363125152701174150", "1965936472513494921");
        AssertStake(c, O3, "985418192038897107006", "74292343474806282");
        AssertStake(c, D1, "1043259735691397465000", "44349307699006042");
        AssertStake(c, D2, "519189531428652271263", "22096904868309272");
        AssertStake(c, D3, "828505973731248134876", "534063527486505078");
        AssertStake(c, D4, "393181035492005038632", "25707656524901724");
        Assert.Equal(W("4715692407705273514079"), c.State.DelegatorOf(O1).DelegatedAmount);
        Assert.Equal(W("2934869098883949309032"), c.State.DelegatorOf(O2).DelegatedAmount);
        Assert.Equal(W("1378599227530902145643"), c.State.DelegatorOf(O3).DelegatedAmount);
        Assert.Equal(W("50410075059849378396853"), c.State.Supply.Value.TotalSupply);
        Assert.Equal(W("44635398688966529530"), c.State.LptBalanceOf(ProtocolAccounts.Treasury));

        // R11 initializeRound: totalActive = 7650561506589222823111; bondingRate = totalActive*1e9/supply = 151766516 ppb < target -> inflation 1010000 -> 1011000 ppb; mintable = supply 50410075059849378396853 * 1011000 / 1e9 = 50964585885507721559
        c.StartRound(11);
        // R11 O1 reward: minted = mintable * floor(stake 4715692407705273514079 * 1e9 / totalActive) / 1e9 = 31413813253186943267; treasury = minted * 1e26 / 1e27 = 3141381325318694326; rewards = 28272431927868248941; commission = rewards * 100000 / 1e6 = 2827243192786824894; delegatorsRewards = 25445188735081424047; unclaimed-commission share = pOf(25445188735081424047, 21977411271112933169, 4715692407705273514079) = 118586907150311537; CRF_11 = prev 1043259735691397465000281780 + pOf(prev, 25445188735081424047, 4715692407705273514079) = 1048889013129214157263240537
        c.Call(O1, new RewardCall());
        // R11 O2 reward: minted = mintable * floor(stake 2934869098883949309032 * 1e9 / totalActive) / 1e9 = 19550772581356192405; treasury = minted * 1e26 / 1e27 = 1955077258135619240; rewards = 17595695323220573165; commission = rewards * 300000 / 1e6 = 5278708596966171949; delegatorsRewards = 12316986726254401216; unclaimed-commission share = pOf(12316986726254401216, 35098190824580836959, 2934869098883949309032) = 147299227303289128; CRF_11 = prev 1035632467164060168595563865 + pOf(prev, 12316986726254401216, 2934869098883949309032) = 1039978784127971280055550763
        c.Call(O2, new RewardCall());
        // R11 ticket 6 to O1: deposit covers 0, reserve share = (reserve 2000000000000000000 + claimed 0) / pool size 2 = 1000000000000000000 >= 200000000000000000
        // R11 ticket 6 to O1 fee 200000000000000000: delegatorsFees = fee * 500000 / 1e6 = 100000000000000000; transcoder keeps 100466048447841988 (commission + pOf(delegatorsFees, 21977411271112933169, 4715692407705273514079)); CFF_11 += pOf(prevCRF 1043259735691397465000281780, 100000000000000000, 4715692407705273514079) = 22123150653056764203926 -> 66472458352062806985334
        Redeem(c, O1, W("200000000000000000"), 6);
        // Round 11 end: expected values (python model).
        AssertStake(c, O1, "3171590280758692541389", "500341927324479438");
        AssertStake(c, O2, "2120481766904792858147", "1965936472513494921");
        AssertStake(c, O3, "985418192038897107006", "74292343474806282");
        AssertStake(c, D1, "1048889013129214157263", "66472458352062806");
        AssertStake(c, D2, "521991002448028862768", "33106730924400528");
        AssertStake(c, D3, "831983027302377024044", "534063527486505078");
        AssertStake(c, D4, "393181035492005038632", "25707656524901724");
        Assert.Equal(W("4743964839633141763020"), c.State.DelegatorOf(O1).DelegatedAmount);
        Assert.Equal(W("2952464794207169882197"), c.State.DelegatorOf(O2).DelegatedAmount);
        Assert.Equal(W("1378599227530902145643"), c.State.DelegatorOf(O3).DelegatedAmount);
        Assert.Equal(W("50461039645683921532525"), c.State.Supply.Value.TotalSupply);
        Assert.Equal(W("49731857272420843096"), c.State.LptBalanceOf(ProtocolAccounts.Treasury));
        // Round 12: D1 claims for the first time since it bonded in round 1 (after O1's reward).

        // R12 initializeRound: totalActive = 7696429633840311645217; bondingRate = totalActive*1e9/supply = 152522216 ppb < target -> inflation 1011000 -> 1012000 ppb; mintable = supply 50461039645683921532525 * 1012000 / 1e9 = 51066572121432128590
        c.StartRound(12);
        // R12 O1 reward: minted = mintable * floor(stake 4743964839633141763020 * 1e9 / totalActive) / 1e9 = 31476676053189323217; treasury = minted * 1e26 / 1e27 = 3147667605318932321; rewards = 28329008447870390896; commission = rewards * 100000 / 1e6 = 2832900844787039089; delegatorsRewards = 25496107603083351807; unclaimed-commission share = pOf(25496107603083351807, 24923241371050069600, 4743964839633141763020) = 133948219536772795; CRF_12 = prev 1048889013129214157263240537 + pOf(prev, 25496107603083351807, 4743964839633141763020) = 1054526193851764031151516150
        c.Call(O1, new RewardCall());
        // R12 O2 reward: minted = mintable * floor(stake 2952464794207169882197 * 1e9 / totalActive) / 1e9 = 19589896017176233251; treasury = minted * 1e26 / 1e27 = 1958989601717623325; rewards = 17630906415458609926; commission = rewards * 300000 / 1e6 = 5289271924637582977; delegatorsRewards = 12341634490821026949; unclaimed-commission share = pOf(12341634490821026949, 40524198648850298036, 2952464794207169882197) = 169395702444552166; CRF_12 = prev 1039978784127971280055550763 + pOf(prev, 12341634490821026949, 2952464794207169882197) = 1044326012266677163906452718
        c.Call(O2, new RewardCall());
        c.Call(D1, new ClaimEarningsCall(0));
        // R12 ticket 7 to O2: deposit covers 0, reserve share = (reserve 1800000000000000000 + claimed 0) / pool size 2 = 900000000000000000 >= 200000000000000000
        // R12 ticket 7 to O2 fee 200000000000000000: delegatorsFees = fee * 600000 / 1e6 = 120000000000000000; transcoder keeps 81647065816806082 (commission + pOf(delegatorsFees, 40524198648850298036, 2952464794207169882197)); CFF_12 += pOf(prevCRF 1039978784127971280055550763, 120000000000000000, 2952464794207169882197) = 42268905065426398958667 -> 709848314423557747520454
        Redeem(c, O2, W("200000000000000000"), 7);
        // Round 12 end: expected values (python model).
        AssertStake(c, O1, "3191468671990665974938", "500341927324479438");
        AssertStake(c, O2, "2134634890809286760991", "2132121348461153801");
        AssertStake(c, O3, "985418192038897107006", "74292343474806282");
        AssertStake(c, D1, "1054526193851764031151", "66472458352062806");
        AssertStake(c, D2, "524796406622838361319", "33106730924400528");
        AssertStake(c, D3, "835460809813341731125", "567878651538846198");
        AssertStake(c, D4, "393181035492005038632", "25707656524901724");
        Assert.Equal(W("4772293848081012153916"), c.State.DelegatorOf(O1).DelegatedAmount);
        Assert.Equal(W("2970095700622628492123"), c.State.DelegatorOf(O2).DelegatedAmount);
        Assert.Equal(W("1378599227530902145643"), c.State.DelegatorOf(O3).DelegatedAmount);
        Assert.Equal(W("50512106217754287088993"), c.State.Supply.Value.TotalSupply);
        Assert.Equal(W("54838514479457398742"), c.State.LptBalanceOf(ProtocolAccounts.Treasury));

        // R13 initializeRound: totalActive = 7742389548703640646039; bondingRate = totalActive*1e9/supply = 153277899 ppb < target -> inflation 1012000 -> 1013000 ppb; mintable = supply 50512106217754287088993 * 1013000 / 1e9 = 51168763598585092821
        c.StartRound(13);
        // R13 O1 reward: minted = mintable * floor(stake 4772293848081012153916 * 1e9 / totalActive) / 1e9 = 31539665360834485444; treasury = minted * 1e26 / 1e27 = 3153966536083448544; rewards = 28385698824751036900; commission = rewards * 100000 / 1e6 = 2838569882475103690; delegatorsRewards = 25547128942275933210; unclaimed-commission share = pOf(25547128942275933210, 27890090435373881484, 4772293848081012153916) = 149301731881145893; CRF_13 = prev 1054526193851764031151516150 + pOf(prev, 25547128942275933210, 4772293848081012153916) = 1060171302368745100280274017
        c.Call(O1, new RewardCall());
        // R13 O2 reward: minted = mintable * floor(stake 2970095700622628492123 * 1e9 / totalActive) / 1e9 = 19629098186581843777; treasury = minted * 1e26 / 1e27 = 1962909818658184377; rewards = 17666188367923659400; commission = rewards * 300000 / 1e6 = 5299856510377097820; delegatorsRewards = 12366331857546561580; unclaimed-commission share = pOf(12366331857546561580, 45982866275932433179, 2970095700622628492123) = 191454902954864852; CRF_13 = prev 1044326012266677163906452718 + pOf(prev, 12366331857546561580, 2970095700622628492123) = 1048674182607602769880693173
        c.Call(O2, new RewardCall());
        // Round 13 end: expected values (python model).
        AssertStake(c, O1, "3211391869155965431907", "500341927324479438");
        AssertStake(c, O2, "2148822542904469935612", "2132121348461153801");
        AssertStake(c, O3, "985418192038897107006", "74292343474806282");
        AssertStake(c, D1, "1060171302368745100279", "66472458352062806");
        AssertStake(c, D2, "527605756150598021537", "33106730924400528");
        AssertStake(c, D3, "838939346086082215904", "567878651538846198");
        AssertStake(c, D4, "393181035492005038632", "25707656524901724");
        Assert.Equal(W("4800679546905763190816"), c.State.DelegatorOf(O1).DelegatedAmount);
        Assert.Equal(W("2987761888990552151523"), c.State.DelegatorOf(O2).DelegatedAmount);
        Assert.Equal(W("1378599227530902145643"), c.State.DelegatorOf(O3).DelegatedAmount);
        Assert.Equal(W("50563274981301703418214"), c.State.Supply.Value.TotalSupply);
        Assert.Equal(W("59955390834199031663"), c.State.LptBalanceOf(ProtocolAccounts.Treasury));

    }
}
