#!/usr/bin/env python3
"""Reference model of Livepeer's deployed economics (livepeer/protocol BondingManager, EarningsPoolLIP36, Minter,
MixinReserve formulas as written in RULES.md "Exact formulas" F1-F12) plus the project's intended differences (slashing
reaches delegators; a slashed orchestrator earns nothing more that round). Independent of the C# code: it recomputes the
scenario of tests/Livepeer.Protocol.Tests/Bonding/ContractParityScenarioTests.cs and prints the C# test body (calls,
the arithmetic as comments, and every expected value). Run: python3 tests/reference/lip36_scenario.py > body.cs"""

P = 10**27
E = 10**18
INF = 2**63 - 1

def pp(n, d): return n * P // d                  # PreciseMathUtils.percPoints
def pof3(a, n, d): return a * pp(n, d) // P      # PreciseMathUtils.percOf(a, n, d)
def pof(a, f): return a * f // P                 # PreciseMathUtils.percOf(a, f)
def mof(a, f): return a * f // 10**6             # MathUtils.percOf (ppm)
def v2of(a, n, d): return a * (n * 10**9 // d) // 10**9   # MathUtilsV2.percOf
def one(x): return P if x == 0 else x

out = []          # C# lines
def emit(s=""): out.append(s)
def note(s): out.append("        // " + s)

class Model:
    def __init__(self, balances, inflation, inflation_change, target, treasury_rate):
        self.supply = sum(balances.values())
        self.treasury = 0
        self.inflation, self.change, self.target = inflation, inflation_change, target
        self.next_rate = treasury_rate
        self.rate = 0
        self.round = 0
        self.mintable = self.minted = 0
        self.cur_total = self.next_total = 0
        self.pool = []                      # transcoder addresses (order irrelevant: pool never full here)
        self.d = {}                         # delegators
        self.t = {}                         # transcoders
        self.pools = {}                     # (t, round) -> dict
        self.start_stake = {}
        self.sender = dict(deposit=0, reserve=0, claimed_round={}, claimed_by={})

    # --- records
    def D(self, a):
        return self.d.setdefault(a, dict(bonded=0, fees=0, delegate=None, delegated=0, start=0, last_claim=0, slash_index=0, locks={}, next_lock=0))
    def T(self, a):
        return self.t.setdefault(a, dict(lrr=0, cut=0, share=0, act=0, deact=0, last_fee=0, cum_r=0, cum_f=0, acr=0, slashes=[], last_slash=0))
    def pl(self, a, r):
        return self.pools.setdefault((a, r), dict(stake=0, cut=0, share=0, crf=0, cff=0))
    def stored(self, a, r):
        p = self.pools.get((a, r))
        return (p["crf"], p["cff"]) if p else (0, 0)
    def latest(self, a, r):
        t = self.T(a); crf, cff = self.stored(a, r)
        if crf == 0 and t["lrr"] < r: crf = self.stored(a, t["lrr"])[0]
        if cff == 0 and t["last_fee"] < r: cff = self.stored(a, t["last_fee"])[1]
        return crf, cff
    def ensure_init(self, a):
        r = self.round; t = self.T(a); p = self.pl(a, r)
        if p["crf"] == 0 and t["lrr"] < r: p["crf"] = self.stored(a, t["lrr"])[0]
        if p["cff"] == 0 and t["last_fee"] < r: p["cff"] = self.stored(a, t["last_fee"])[1]
    def registered(self, a):
        d = self.D(a); return d["delegate"] == a and d["bonded"] > 0
    def active(self, a, r):
        t = self.T(a); return t["act"] != 0 and t["act"] <= r < t["deact"]

    # --- rounds and minter (F1, F9)
    def init_round(self, r):
        self.round = r
        self.cur_total = self.next_total
        self.rate = self.next_rate
        rate = self.cur_total * 10**9 // self.supply
        old = self.inflation
        if rate < self.target: self.inflation += self.change
        elif rate > self.target: self.inflation = 0 if self.change > self.inflation else self.inflation - self.change
        self.mintable = self.supply * self.inflation // 10**9
        self.minted = 0
        for a, d in self.d.items(): self.start_stake[a] = d["delegated"]
        note(f"R{r} initializeRound: totalActive = {self.cur_total}; bondingRate = totalActive*1e9/supply = {rate} ppb "
             f"{'<' if rate < self.target else '>'} target -> inflation {old} -> {self.inflation} ppb; "
             f"mintable = supply {self.supply} * {self.inflation} / 1e9 = {self.mintable}")

    # --- claims (F6, F7)
    def pending(self, a):
        d = self.D(a); stake, fees = d["bonded"], d["fees"]
        if d["delegate"] is None: return stake, fees
        t_addr = d["delegate"]; t = self.T(t_addr); r = self.round
        if d["last_claim"] < r or d["slash_index"] < len(t["slashes"]):
            rc, rf = self.stored(t_addr, d["last_claim"]); rc = one(rc)
            for (sr, frac, sc, sf) in t["slashes"][d["slash_index"]:]:
                fees += pof3(stake, sf - rf, rc)
                stake = mof(pof3(stake, one(sc), rc), 10**6 - frac)
                rc, rf = one(sc), sf
            ec, ef = self.latest(t_addr, r)
            assert ef >= rf
            fees += pof3(stake, ef - rf, rc)
            stake = pof3(stake, one(ec), rc)
        if a == t_addr:
            stake += t["cum_r"]; fees += t["cum_f"]
        return stake, fees
    def claim(self, a):
        d = self.D(a); r = self.round
        if d["last_claim"] >= r and (d["delegate"] is None or d["slash_index"] == len(self.T(d["delegate"])["slashes"])): return
        if d["delegate"] is not None:
            stake, fees = self.pending(a)
            self.ensure_init(d["delegate"])
            if a == d["delegate"]:
                t = self.T(a); t["cum_r"] = 0; t["cum_f"] = 0
            d["bonded"], d["fees"] = stake, fees
            d["slash_index"] = len(self.T(d["delegate"])["slashes"])
        d["last_claim"] = r

    # --- stake bookkeeping
    def set_delegated(self, a, v): self.D(a)["delegated"] = v
    def increase(self, a, amt):
        if a in self.pool: self.next_total += amt
        elif self.registered(a): self.join(a, self.D(a)["delegated"] + amt)
        self.set_delegated(a, self.D(a)["delegated"] + amt)
    def decrease(self, a, amt):
        if a in self.pool: self.next_total -= amt
        self.set_delegated(a, self.D(a)["delegated"] - amt)
    def join(self, a, stake):
        self.pool.append(a); self.next_total += stake
        t = self.T(a)
        t["act"] = t["act"] if self.active(a, self.round) else self.round + 1
        t["deact"] = INF
    def resign(self, a):
        if a not in self.pool: return
        self.pool.remove(a); self.next_total -= self.D(a)["delegated"]; self.T(a)["deact"] = self.round + 1

    # --- calls
    def bond(self, owner, amount, to):
        self.claim(owner)
        d = self.D(owner)
        assert d["bonded"] == 0 or d["delegate"] == to, "scenario never changes a delegate"
        if d["bonded"] == 0: d["start"] = self.round + 1
        self.ensure_init(to)
        if d["delegate"] != to: d["slash_index"] = len(self.T(to)["slashes"])
        d["delegate"] = to; d["bonded"] += amount
        self.increase(to, amount)
    def transcoder(self, a, cut, share):
        t = self.T(a); t["cut"], t["share"] = cut, share
        if a not in self.pool: self.join(a, self.D(a)["delegated"])
    def unbond(self, a, amount):
        self.claim(a); d = self.D(a)
        lock = d["next_lock"]; d["locks"][lock] = amount; d["next_lock"] += 1
        d["bonded"] -= amount; dele = d["delegate"]
        if d["bonded"] == 0:
            d["delegate"] = None; d["start"] = 0
            if dele == a: self.resign(a)
        self.decrease(dele, amount)
        return lock
    def rebond(self, a, lock):
        self.claim(a); d = self.D(a)
        amt = d["locks"].pop(lock); d["bonded"] += amt
        self.increase(d["delegate"], amt)
    def reward(self, a, label):
        r = self.round; t = self.T(a)
        assert self.active(a, r) and t["last_slash"] != r and t["lrr"] != r
        stake = self.start_stake[a]
        p = self.pl(a, r); p["stake"], p["cut"], p["share"] = stake, t["cut"], t["share"]
        total = v2of(self.mintable, stake, self.cur_total)
        self.minted += total; assert self.minted <= self.mintable
        self.supply += total
        treasury = pof(total, self.rate); self.treasury += treasury
        rewards = total - treasury
        commission = mof(rewards, p["cut"]); dr = rewards - commission
        acr = t["cum_r"]; rsr = pof3(dr, acr, stake)
        prev = one(self.stored(a, t["lrr"])[0])
        p["crf"] = prev + pof3(prev, dr, stake)
        t["acr"] = acr; t["cum_r"] = acr + rsr + commission
        note(f"R{r} {label} reward: minted = mintable * floor(stake {stake} * 1e9 / totalActive) / 1e9 = {total}; "
             f"treasury = minted * 1e26 / 1e27 = {treasury}; rewards = {rewards}; commission = rewards * {p['cut']} / 1e6 = {commission}; "
             f"delegatorsRewards = {dr}; unclaimed-commission share = pOf({dr}, {acr}, {stake}) = {rsr}; "
             f"CRF_{r} = prev {prev} + pOf(prev, {dr}, {stake}) = {p['crf']}")
        self.increase(a, rewards)
        t["lrr"] = r
    def fees(self, a, amount, label):
        r = self.round; t = self.T(a); p = self.pl(a, r)
        prev_c, prev_f = self.latest(a, r - 1); acr = t["acr"]
        if r > t["lrr"]:
            p["stake"], p["cut"], p["share"] = self.start_stake[a], t["cut"], t["share"]; acr = t["cum_r"]
        ts = p["stake"]
        if prev_c == 0 and t["lrr"] == r:
            est = pof3(self.mintable, ts, self.cur_total); est -= pof(est, self.rate); dre = est - mof(est, p["cut"])
            prev_c = pof3(p["crf"], ts, dre + ts)
            note(f"R{r} {label}: pool[{r-1}] holds no reward factor and reward was called in {r}: estimate "
                 f"rewards = pOf(mintable, {ts}, {self.cur_total}) less treasury and commission = {dre}; "
                 f"prevCRF = pOf(CRF_{r} {p['crf']}, {ts}, {dre + ts}) = {prev_c}")
        df = mof(amount, p["share"]); comm = amount - df + pof3(df, acr, ts)
        inc = pof3(one(prev_c), df, ts)
        p["cff"] = (prev_f if p["cff"] == 0 else p["cff"]) + inc
        t["cum_f"] += comm; t["last_fee"] = r
        note(f"R{r} {label} fee {amount}: delegatorsFees = fee * {p['share']} / 1e6 = {df}; transcoder keeps {comm} "
             f"(commission + pOf(delegatorsFees, {acr}, {ts})); CFF_{r} += pOf(prevCRF {one(prev_c)}, {df}, {ts}) = {inc} -> {p['cff']}")
    def redeem(self, recipient, face, label):
        r = self.round; s = self.sender
        from_dep = min(s["deposit"], face); from_res = face - from_dep
        if from_res:
            size = len(self.pool)
            claimable = (s["reserve"] + s["claimed_round"].get(r, 0)) // size - s["claimed_by"].get((r, recipient), 0)
            note(f"R{r} {label}: deposit covers {from_dep}, reserve share = (reserve {s['reserve']} + claimed {s['claimed_round'].get(r, 0)}) / pool size {size} = {claimable} >= {from_res}")
            assert claimable >= from_res
            s["reserve"] -= from_res
            s["claimed_round"][r] = s["claimed_round"].get(r, 0) + from_res
            s["claimed_by"][(r, recipient)] = s["claimed_by"].get((r, recipient), 0) + from_res
        s["deposit"] -= from_dep
        self.fees(recipient, face, label)
    def slash(self, a, frac, finder_fee, label):
        r = self.round; delegated = self.D(a)["delegated"]
        self.resign(a)
        penalty = mof(delegated, frac); t = self.T(a)
        crf, cff = self.latest(a, r)
        t["slashes"].append((r, frac, crf, cff)); t["last_slash"] = r
        t["cum_r"] = mof(t["cum_r"], 10**6 - frac); t["acr"] = mof(t["acr"], 10**6 - frac)
        self.set_delegated(a, delegated - penalty)
        finder = mof(penalty, finder_fee); burned = penalty - finder; self.supply -= burned
        note(f"R{r} {label}: penalty = delegated {delegated} * {frac} / 1e6 = {penalty}; finder {finder}; burned {burned}; "
             f"slash record (CRF {crf}, CFF {cff}); every delegator's stake * (1e6 - {frac}) / 1e6 at its next claim")
        return penalty

def lpt(n): return n * E
O1, O2, O3, D1, D2, D3, D4 = "O1", "O2", "O3", "D1", "D2", "D3", "D4"
STAKERS = [O1, O2, O3, D1, D2, D3, D4]

def check(m):
    r = m.round
    emit(f"        // Round {r} end: expected values (python model).")
    for a in STAKERS:
        st, fe = m.pending(a)
        emit(f'        AssertStake(c, {a}, "{st}", "{fe}");')
    for a in (O1, O2, O3):
        emit(f'        Assert.Equal(W("{m.D(a)["delegated"]}"), c.State.DelegatorOf({a}).DelegatedAmount);')
    emit(f'        Assert.Equal(W("{m.supply}"), c.State.Supply.Value.TotalSupply);')
    emit(f'        Assert.Equal(W("{m.treasury}"), c.State.LptBalanceOf(ProtocolAccounts.Treasury));')

def call(cs): emit("        " + cs)

def main():
    balances = {O1: lpt(10000), O2: lpt(10000), O3: lpt(10000), D1: lpt(5000), D2: lpt(5000), D3: lpt(5000), D4: lpt(5000)}
    m = Model(balances, inflation=1_000_000, inflation_change=1_000, target=500_000_000, treasury_rate=10**26)
    m.init_round(1); call("c.StartRound(1);")
    m.bond(O1, lpt(3000), O1); call("c.Call(O1, new BondCall(L(3000), O1));")
    m.transcoder(O1, 100_000, 500_000); call("c.Call(O1, new TranscoderUpdateCall(100_000, 500_000));")
    m.bond(O2, lpt(2000), O2); call("c.Call(O2, new BondCall(L(2000), O2));")
    m.transcoder(O2, 200_000, 750_000); call("c.Call(O2, new TranscoderUpdateCall(200_000, 750_000));")
    m.bond(O3, lpt(1000), O3); call("c.Call(O3, new BondCall(L(1000), O3));")
    m.transcoder(O3, 50_000, 900_000); call("c.Call(O3, new TranscoderUpdateCall(50_000, 900_000));")
    m.bond(D1, lpt(1000), O1); call("c.Call(D1, new BondCall(L(1000), O1));")
    m.bond(D2, lpt(500), O1); call("c.Call(D2, new BondCall(L(500), O1));")
    m.bond(D3, lpt(800), O2); call("c.Call(D3, new BondCall(L(800), O2));")
    m.bond(D4, lpt(400), O3); call("c.Call(D4, new BondCall(L(400), O3));")
    m.sender["deposit"], m.sender["reserve"] = 2 * E, 3 * E
    call("c.Call(B, new FundDepositAndReserveCall(Eth(2), Eth(3)));")
    check(m)

    def rnd(r, actions):
        emit(""); m.init_round(r); call(f"c.StartRound({r});")
        for a in actions: a()
        check(m)
    def rw(o):
        def f(): m.reward(o, o); call(f"c.Call({o}, new RewardCall());")
        return f
    nonce = [0]
    def tk(o, wei, label):
        def f():
            nonce[0] += 1
            m.redeem(o, wei, f"ticket {nonce[0]} to {o}"); call(f'Redeem(c, {o}, W("{wei}"), {nonce[0]});')
        return f
    def do(py, cs):
        def f(): py(); call(cs)
        return f

    rnd(2, [rw(O1), rw(O2), rw(O3), tk(O1, E // 10, "")])
    note("Round 3: O3 skips reward; its fee uses the transcoder's current rates and round-3 stake.")
    rnd(3, [rw(O1), rw(O2), tk(O3, E // 20, "")])
    note("Round 4: O3 rewards after skipping round 3, then earns a fee: the missed-reward estimate fires.")
    rnd(4, [rw(O1), rw(O2), rw(O3), tk(O3, E // 20, "")])
    note("Round 5: O2 changes its rates after its reward; a 2.5 ETH ticket to O2 takes 1.8 from the deposit and 0.7 from the reserve.")
    rnd(5, [rw(O2), do(lambda: m.transcoder(O2, 300_000, 600_000), "c.Call(O2, new TranscoderUpdateCall(300_000, 600_000));"),
            rw(O1), rw(O3), tk(O2, 25 * E // 10, "")])
    note("Round 6: D2 unbonds 200 LPT after O1's reward.")
    rnd(6, [rw(O1), rw(O2), rw(O3), do(lambda: m.unbond(D2, lpt(200)), "c.Call(D2, new UnbondCall(L(200)));")])
    note("Round 7: D2 rebonds its lock before O1's reward (its own claim forfeits its round-7 share).")
    rnd(7, [do(lambda: m.rebond(D2, 0), "c.Call(D2, new RebondCall(0));"), rw(O1), rw(O2), rw(O3)])
    rnd(8, [rw(O1), rw(O2), rw(O3), tk(O1, 3 * E // 10, "")])
    note("Round 9: O3 rewards, then the verifier attests a failed verification reported by the finder: 5 % of O3's pool.")
    def slash():
        m.slash(O3, 50_000, 500_000, "slash O3")
        call('c.Call(Finder, new ReportFailedVerificationCall(O3, Evidence, "http://127.0.0.1/evidence"));')
        call("c.Call(V, new AttestFailedVerificationCall(O3, Evidence));")
    rnd(9, [rw(O1), rw(O2), rw(O3), slash])
    note("Rounds 10-11: O3 is out of the pool; O1 and O2 reward.")
    rnd(10, [rw(O1), rw(O2)])
    rnd(11, [rw(O1), rw(O2), tk(O1, E // 5, "")])
    note("Round 12: D1 claims for the first time since it bonded in round 1 (after O1's reward).")
    rnd(12, [rw(O1), rw(O2), do(lambda: m.claim(D1), "c.Call(D1, new ClaimEarningsCall(0));"), tk(O2, E // 5, "")])
    rnd(13, [rw(O1), rw(O2)])
    print("\n".join(out))

if __name__ == "__main__":
    main()
