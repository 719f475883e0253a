// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Manager} from "../Manager.sol";
import {MathUtils} from "../libraries/MathUtils.sol";
import {PreciseMathUtils} from "../libraries/PreciseMathUtils.sol";
import {SortedDoublyLL} from "../libraries/SortedDoublyLL.sol";
import {IBondingVotes} from "../interfaces/IBondingVotes.sol";
import {IMinter} from "../interfaces/IMinter.sol";
import {IRoundsManager} from "../interfaces/IRoundsManager.sol";
import {ILivepeerToken} from "../token/ILivepeerToken.sol";

/// @title BondingManager
/// @notice Bonding, the transcoder pool, rewards and fees with LIP-36 cumulative factors (1e27), the treasury cut,
/// transferBond and slashing, with the interface of Livepeer's BondingManager. Project rule: a slash takes a fraction
/// of the transcoder's whole delegated stake, and every delegator's stake shrinks by that fraction at its next claim
/// (slash records, applied in order from the delegator's slashIndex).
contract BondingManager is Manager {
    using SafeCast for uint256;
    using SortedDoublyLL for SortedDoublyLL.Data;

    uint256 private constant MAX_FUTURE_ROUND = type(uint256).max;
    uint64 private constant NO_DEACTIVATION = type(uint64).max;
    /// @notice The id Livepeer's proxies resolve their target by (this contract is registered directly).
    bytes32 public constant targetContractId = keccak256("BondingManagerTarget");

    struct EarningsPool {
        uint256 totalStake;
        uint128 transcoderRewardCut;
        uint128 transcoderFeeShare;
        uint256 cumulativeRewardFactor;
        uint256 cumulativeFeeFactor;
    }

    struct Transcoder {
        uint64 lastRewardRound;
        uint64 lastActiveStakeUpdateRound;
        uint64 activationRound;
        uint64 deactivationRound; // NO_DEACTIVATION while in the pool
        uint32 rewardCut;
        uint32 feeShare;
        uint64 lastFeeRound;
        uint64 slashCount;
        uint64 lastSlashRound;
        uint256 activeCumulativeRewards;
        uint256 cumulativeRewards;
        uint256 cumulativeFees;
        mapping(uint256 => EarningsPool) earningsPoolPerRound;
    }

    struct UnbondingLock {
        uint128 amount;
        uint128 withdrawRound;
    }

    struct Delegator {
        uint256 bondedAmount;
        uint256 fees;
        uint256 delegatedAmount;
        address delegateAddress;
        uint48 startRound;
        uint48 lastClaimRound;
        uint64 nextUnbondingLockId;
        uint64 slashIndex; // slashes of its delegate already applied to bondedAmount
        mapping(uint256 => UnbondingLock) unbondingLocks;
    }

    /// @notice A slash as delegators see it: the factors at the slash and the fraction (1e6) taken from their stake.
    struct SlashRecord {
        uint64 round;
        uint64 fraction;
        uint256 cumulativeRewardFactor;
        uint256 cumulativeFeeFactor;
    }

    enum TranscoderStatus {
        NotRegistered,
        Registered
    }

    enum DelegatorStatus {
        Pending,
        Bonded,
        Unbonded
    }

    /// @dev The pool hints of a bond: where the old delegate and the new delegate go in the pool.
    struct BondHints {
        address oldPrev;
        address oldNext;
        address currPrev;
        address currNext;
    }

    uint64 public unbondingPeriod;
    uint256 public currentRoundTotalActiveStake;
    uint256 public nextRoundTotalActiveStake;
    uint256 public treasuryRewardCutRate;
    uint256 public nextRoundTreasuryRewardCutRate;
    uint256 public treasuryBalanceCeiling;

    mapping(address => Delegator) private delegators;
    mapping(address => Transcoder) private transcoders;
    mapping(address => mapping(uint256 => SlashRecord)) private slashes;
    SortedDoublyLL.Data private transcoderPool;

    event TranscoderUpdate(address indexed transcoder, uint256 rewardCut, uint256 feeShare);
    event TranscoderActivated(address indexed transcoder, uint256 activationRound);
    event TranscoderDeactivated(address indexed transcoder, uint256 deactivationRound);
    event TranscoderSlashed(address indexed transcoder, address finder, uint256 penalty, uint256 finderReward);
    event Reward(address indexed transcoder, uint256 amount);
    event TreasuryReward(address indexed transcoder, address treasury, uint256 amount);
    event Bond(
        address indexed newDelegate,
        address indexed oldDelegate,
        address indexed delegator,
        uint256 additionalAmount,
        uint256 bondedAmount
    );
    event Unbond(
        address indexed delegate,
        address indexed delegator,
        uint256 unbondingLockId,
        uint256 amount,
        uint256 withdrawRound
    );
    event Rebond(address indexed delegate, address indexed delegator, uint256 unbondingLockId, uint256 amount);
    event TransferBond(
        address indexed oldDelegator,
        address indexed newDelegator,
        uint256 oldUnbondingLockId,
        uint256 newUnbondingLockId,
        uint256 amount
    );
    event WithdrawStake(address indexed delegator, uint256 unbondingLockId, uint256 amount, uint256 withdrawRound);
    event WithdrawFees(address indexed delegator, address recipient, uint256 amount);
    event EarningsClaimed(
        address indexed delegate,
        address indexed delegator,
        uint256 rewards,
        uint256 fees,
        uint256 startRound,
        uint256 endRound
    );

    modifier currentRoundInitialized() {
        _currentRoundInitialized();
        _;
    }

    constructor(address _controller) Manager(_controller) {}

    // ------------------------------------------------------------------ parameters (Controller owner)

    function setUnbondingPeriod(uint64 _unbondingPeriod) external onlyControllerOwner {
        unbondingPeriod = _unbondingPeriod;
        emit ParameterUpdate("unbondingPeriod");
    }

    /// @notice Takes effect at the next initializeRound.
    function setTreasuryRewardCutRate(uint256 _cutRate) external onlyControllerOwner {
        _setTreasuryRewardCutRate(_cutRate);
    }

    function setTreasuryBalanceCeiling(uint256 _ceiling) external onlyControllerOwner {
        treasuryBalanceCeiling = _ceiling;
        emit ParameterUpdate("treasuryBalanceCeiling");
    }

    /// @notice The pool's maximum size; it can only grow.
    function setNumActiveTranscoders(uint256 _numActiveTranscoders) external onlyControllerOwner {
        transcoderPool.setMaxSize(_numActiveTranscoders);
        emit ParameterUpdate("numActiveTranscoders");
    }

    // ------------------------------------------------------------------ transcoders

    function transcoder(uint256 _rewardCut, uint256 _feeShare) external {
        transcoderWithHint(_rewardCut, _feeShare, address(0), address(0));
    }

    function transcoderWithHint(uint256 _rewardCut, uint256 _feeShare, address _newPosPrev, address _newPosNext)
        public
        whenSystemNotPaused
        currentRoundInitialized
    {
        IRoundsManager rm = roundsManager();
        require(!rm.currentRoundLocked(), "can't update transcoder params, current round is locked");
        require(MathUtils.validPerc(_rewardCut), "invalid rewardCut percentage");
        require(MathUtils.validPerc(_feeShare), "invalid feeShare percentage");
        require(isRegisteredTranscoder(msg.sender), "transcoder must be registered");
        uint256 round = rm.currentRound();
        Transcoder storage t = transcoders[msg.sender];
        require(
            !_isActive(t, round) || t.lastRewardRound == round,
            "caller can't be active or must have already called reward for the current round"
        );
        t.rewardCut = uint32(_rewardCut);
        t.feeShare = uint32(_feeShare);
        if (!transcoderPool.contains(msg.sender)) {
            tryToJoinActiveSet(msg.sender, delegators[msg.sender].delegatedAmount, round + 1, _newPosPrev, _newPosNext);
        }
        emit TranscoderUpdate(msg.sender, _rewardCut, _feeShare);
    }

    function reward() external {
        rewardWithHint(address(0), address(0));
    }

    /// @notice Mints the caller's share of the round's mintable tokens: the treasury cut, then the commission and the
    /// delegators' share through the cumulative reward factor (O(1) in delegators).
    function rewardWithHint(address _newPosPrev, address _newPosNext) public whenSystemNotPaused currentRoundInitialized {
        uint256 round = roundsManager().currentRound();
        Transcoder storage t = transcoders[msg.sender];
        require(_canEarn(t, round), "caller must be an active transcoder");
        require(t.lastRewardRound != round, "caller has already called reward for the current round");

        EarningsPool storage pool = t.earningsPoolPerRound[round];
        pool.transcoderRewardCut = t.rewardCut;
        pool.transcoderFeeShare = t.feeShare;
        uint256 lastUpdateRound = t.lastActiveStakeUpdateRound;
        if (lastUpdateRound < round) pool.totalStake = t.earningsPoolPerRound[lastUpdateRound].totalStake;

        if (treasuryBalanceCeiling > 0 && nextRoundTreasuryRewardCutRate > 0) {
            // The ceiling stops the next rounds' contributions; this reward still pays the current rate.
            if (livepeerToken().balanceOf(treasury()) >= treasuryBalanceCeiling) _setTreasuryRewardCutRate(0);
        }

        IMinter mtr = minter();
        uint256 totalRewardTokens = mtr.createReward(pool.totalStake, currentRoundTotalActiveStake);
        uint256 treasuryRewards = PreciseMathUtils.percOf(totalRewardTokens, treasuryRewardCutRate);
        if (treasuryRewards > 0) {
            address trsry = treasury();
            mtr.trustedTransferTokens(trsry, treasuryRewards);
            emit TreasuryReward(msg.sender, trsry, treasuryRewards);
        }
        uint256 transcoderRewards = totalRewardTokens - treasuryRewards;
        updateTranscoderWithRewards(msg.sender, transcoderRewards, round, _newPosPrev, _newPosNext);
        t.lastRewardRound = uint64(round);
        emit Reward(msg.sender, transcoderRewards);
        _checkpoint(msg.sender, round);
    }

    /// @notice Credits a redeemed ticket's fees to the transcoder's pool of the current round (TicketBroker only).
    function updateTranscoderWithFees(address _transcoder, uint256 _fees, uint256 _round) external whenSystemNotPaused {
        require(msg.sender == _contract("TicketBroker"), "caller must be TicketBroker");
        _round; // fees always go to the current round (LIP-36)
        uint256 round = roundsManager().currentRound();
        Transcoder storage t = transcoders[_transcoder];
        require(_canEarn(t, round), "transcoder must be active");

        uint256 lastRewardRound = t.lastRewardRound;
        uint256 activeCumulativeRewards = t.activeCumulativeRewards;
        EarningsPool storage pool = t.earningsPoolPerRound[round];
        (uint256 prevCrf, uint256 prevCff) = latestCumulativeFactors(t, round - 1);

        if (round > lastRewardRound) {
            // reward() not called yet this round: its commission, stake and active rewards are those it would use.
            pool.transcoderRewardCut = t.rewardCut;
            pool.transcoderFeeShare = t.feeShare;
            uint256 lastUpdateRound = t.lastActiveStakeUpdateRound;
            if (lastUpdateRound < round) pool.totalStake = t.earningsPoolPerRound[lastUpdateRound].totalStake;
            activeCumulativeRewards = t.cumulativeRewards;
        }

        uint256 totalStake = pool.totalStake;
        if (prevCrf == 0 && lastRewardRound == round) {
            // Rewarded this round but not in the previous one: estimate the previous factor from this round's
            // mintable tokens (upstream master's rule).
            uint256 rewards = PreciseMathUtils.percOf(minter().currentMintableTokens(), totalStake, currentRoundTotalActiveStake);
            rewards -= PreciseMathUtils.percOf(rewards, treasuryRewardCutRate);
            uint256 delegatorsRewards = rewards - MathUtils.percOf(rewards, pool.transcoderRewardCut);
            prevCrf = PreciseMathUtils.percOf(pool.cumulativeRewardFactor, totalStake, delegatorsRewards + totalStake);
        }

        uint256 delegatorsFees = MathUtils.percOf(_fees, pool.transcoderFeeShare);
        uint256 rewardStakeFees = PreciseMathUtils.percOf(delegatorsFees, activeCumulativeRewards, totalStake);
        t.cumulativeFees += rewardStakeFees + (_fees - delegatorsFees);

        if (prevCrf == 0) prevCrf = PreciseMathUtils.PERC_DIVISOR;
        uint256 increment = PreciseMathUtils.percOf(prevCrf, delegatorsFees, totalStake);
        uint256 cff = pool.cumulativeFeeFactor;
        pool.cumulativeFeeFactor = (cff == 0 ? prevCff : cff) + increment;
        t.lastFeeRound = uint64(round);
    }

    /// @notice Slashes `_slashAmount` (1e6) of the transcoder's whole delegated stake (Verifier only): it leaves the
    /// pool and earns nothing more this round; its delegators' stakes shrink by the same fraction at their next claim;
    /// the finder gets `_finderFee` (1e6) of the penalty and the rest is burned.
    function slashTranscoder(address _transcoder, address _finder, uint256 _slashAmount, uint256 _finderFee)
        external
        whenSystemNotPaused
    {
        require(msg.sender == _contract("Verifier"), "caller must be Verifier");
        require(MathUtils.validPerc(_slashAmount) && MathUtils.validPerc(_finderFee), "invalid slash percentage");
        Delegator storage del = delegators[_transcoder];
        uint256 delegated = del.delegatedAmount;
        require(delegated > 0, "transcoder has no stake to slash");
        uint256 round = roundsManager().currentRound();
        Transcoder storage t = transcoders[_transcoder];
        if (transcoderPool.contains(_transcoder)) resignTranscoder(_transcoder, round);

        uint256 penalty = MathUtils.percOf(delegated, _slashAmount);
        (uint256 crf, uint256 cff) = latestCumulativeFactors(t, round);
        uint64 index = t.slashCount;
        slashes[_transcoder][index] = SlashRecord(
            uint64(round), uint64(_slashAmount), crf == 0 ? PreciseMathUtils.PERC_DIVISOR : crf, cff
        );
        t.slashCount = index + 1;
        t.lastSlashRound = uint64(round);
        uint256 kept = MathUtils.PERC_DIVISOR - _slashAmount;
        t.cumulativeRewards = MathUtils.percOf(t.cumulativeRewards, kept);
        t.activeCumulativeRewards = MathUtils.percOf(t.activeCumulativeRewards, kept);
        del.delegatedAmount = delegated - penalty;

        uint256 finderAmount = _finder != address(0) ? MathUtils.percOf(penalty, _finderFee) : 0;
        IMinter mtr = minter();
        if (finderAmount > 0) mtr.trustedTransferTokens(_finder, finderAmount);
        if (penalty > finderAmount) mtr.trustedBurnTokens(penalty - finderAmount);
        emit TranscoderSlashed(_transcoder, _finder, penalty, finderAmount);
        _checkpoint(_transcoder, round);
    }

    // ------------------------------------------------------------------ bonding

    function bond(uint256 _amount, address _to) external {
        bondForWithHint(_amount, msg.sender, _to, address(0), address(0), address(0), address(0));
    }

    function bondWithHint(
        uint256 _amount,
        address _to,
        address _oldDelegateNewPosPrev,
        address _oldDelegateNewPosNext,
        address _currDelegateNewPosPrev,
        address _currDelegateNewPosNext
    ) external {
        bondForWithHint(
            _amount,
            msg.sender,
            _to,
            _oldDelegateNewPosPrev,
            _oldDelegateNewPosNext,
            _currDelegateNewPosPrev,
            _currDelegateNewPosNext
        );
    }

    /// @notice Bonds `_amount` (paid by the caller) for `_owner` towards `_to`. A third party cannot make the owner
    /// self-delegate, change its delegate, or claim for it before its active delegate called reward this round.
    function bondForWithHint(
        uint256 _amount,
        address _owner,
        address _to,
        address _oldDelegateNewPosPrev,
        address _oldDelegateNewPosNext,
        address _currDelegateNewPosPrev,
        address _currDelegateNewPosNext
    ) public whenSystemNotPaused currentRoundInitialized {
        _bond(
            _amount,
            _owner,
            _to,
            BondHints(_oldDelegateNewPosPrev, _oldDelegateNewPosNext, _currDelegateNewPosPrev, _currDelegateNewPosNext)
        );
    }

    function _bond(uint256 _amount, address _owner, address _to, BondHints memory _hints) internal {
        uint256 round = roundsManager().currentRound();
        _authorizeClaimEarnings(_owner, round);
        _autoClaimEarnings(_owner, round);
        Delegator storage del = delegators[_owner];
        uint256 delegationAmount = _amount;
        address currentDelegate = del.delegateAddress;
        uint256 currentBondedAmount = del.bondedAmount;

        if (msg.sender != _owner) {
            require(_owner != address(0), "INVALID_DELEGATOR");
            if (currentBondedAmount == 0) require(_to != _owner, "INVALID_DELEGATE");
            else require(currentDelegate == _to, "INVALID_DELEGATE_CHANGE");
        }

        if (currentBondedAmount == 0) {
            del.startRound = (round + 1).toUint48();
            del.slashIndex = transcoders[_to].slashCount;
        } else if (currentDelegate != _to) {
            require(!isRegisteredTranscoder(_owner), "registered transcoders can't delegate towards other addresses");
            del.startRound = (round + 1).toUint48();
            del.slashIndex = transcoders[_to].slashCount;
            delegationAmount += currentBondedAmount;
            decreaseTotalStake(currentDelegate, currentBondedAmount, _hints.oldPrev, _hints.oldNext, round);
            _checkpoint(currentDelegate, round);
        }

        ensureInitializedCumulativeFactorsPool(_to, round);
        require(delegationAmount > 0, "delegation amount must be greater than 0");
        del.delegateAddress = _to;
        del.bondedAmount = currentBondedAmount + _amount;
        increaseTotalStake(_to, delegationAmount, _hints.currPrev, _hints.currNext, round);
        if (_to != _owner) _checkpoint(_to, round);

        if (_amount > 0) {
            require(livepeerToken().transferFrom(msg.sender, address(minter()), _amount), "token transfer failed");
        }
        emit Bond(_to, currentDelegate, _owner, _amount, del.bondedAmount);
        _checkpoint(_owner, round);
    }

    function unbond(uint256 _amount) external {
        unbondWithHint(_amount, address(0), address(0));
    }

    function unbondWithHint(uint256 _amount, address _newPosPrev, address _newPosNext)
        public
        whenSystemNotPaused
        currentRoundInitialized
    {
        uint256 round = roundsManager().currentRound();
        _autoClaimEarnings(msg.sender, round);
        _unbond(_amount, _newPosPrev, _newPosNext, round);
        _checkpoint(msg.sender, round);
    }

    function _unbond(uint256 _amount, address _newPosPrev, address _newPosNext, uint256 _round) internal {
        require(delegatorStatus(msg.sender) == DelegatorStatus.Bonded, "caller must be bonded");
        Delegator storage del = delegators[msg.sender];
        require(_amount > 0, "unbond amount must be greater than 0");
        require(_amount <= del.bondedAmount, "amount is greater than bonded amount");

        address currentDelegate = del.delegateAddress;
        uint256 withdrawRound = _round + unbondingPeriod;
        uint256 lockId = del.nextUnbondingLockId;
        del.unbondingLocks[lockId] = UnbondingLock(_amount.toUint128(), withdrawRound.toUint128());
        del.nextUnbondingLockId = uint64(lockId + 1);
        del.bondedAmount -= _amount;

        if (del.bondedAmount == 0) {
            del.delegateAddress = address(0);
            del.startRound = 0;
            if (transcoderPool.contains(msg.sender)) resignTranscoder(msg.sender, _round);
        }
        decreaseTotalStake(currentDelegate, _amount, _newPosPrev, _newPosNext, _round);
        if (currentDelegate != msg.sender) _checkpoint(currentDelegate, _round);
        emit Unbond(currentDelegate, msg.sender, lockId, _amount, withdrawRound);
    }

    function rebond(uint256 _unbondingLockId) external {
        rebondWithHint(_unbondingLockId, address(0), address(0));
    }

    function rebondWithHint(uint256 _unbondingLockId, address _newPosPrev, address _newPosNext)
        public
        whenSystemNotPaused
        currentRoundInitialized
    {
        uint256 round = roundsManager().currentRound();
        _autoClaimEarnings(msg.sender, round);
        require(delegatorStatus(msg.sender) != DelegatorStatus.Unbonded, "caller must be bonded");
        processRebond(msg.sender, _unbondingLockId, _newPosPrev, _newPosNext, round);
    }

    function rebondFromUnbonded(address _to, uint256 _unbondingLockId) external {
        rebondFromUnbondedWithHint(_to, _unbondingLockId, address(0), address(0));
    }

    function rebondFromUnbondedWithHint(address _to, uint256 _unbondingLockId, address _newPosPrev, address _newPosNext)
        public
        whenSystemNotPaused
        currentRoundInitialized
    {
        uint256 round = roundsManager().currentRound();
        _autoClaimEarnings(msg.sender, round);
        require(delegatorStatus(msg.sender) == DelegatorStatus.Unbonded, "caller must be unbonded");
        ensureInitializedCumulativeFactorsPool(_to, round);
        Delegator storage del = delegators[msg.sender];
        del.startRound = (round + 1).toUint48();
        del.delegateAddress = _to;
        del.slashIndex = transcoders[_to].slashCount;
        processRebond(msg.sender, _unbondingLockId, _newPosPrev, _newPosNext, round);
    }

    /// @notice Moves `_amount` of the caller's bond to `_delegator` (to its delegate, or the caller's delegate when it
    /// has none) through an unbonding lock that is rebonded at once.
    function transferBond(
        address _delegator,
        uint256 _amount,
        address _oldDelegateNewPosPrev,
        address _oldDelegateNewPosNext,
        address _newDelegateNewPosPrev,
        address _newDelegateNewPosNext
    ) external whenSystemNotPaused currentRoundInitialized {
        uint256 round = roundsManager().currentRound();
        _authorizeClaimEarnings(_delegator, round);
        _autoClaimEarnings(msg.sender, round);
        address oldDelDelegate = delegators[msg.sender].delegateAddress;
        _unbond(_amount, _oldDelegateNewPosPrev, _oldDelegateNewPosNext, round);
        _checkpoint(msg.sender, round);
        uint256 newLockId = _moveLastLock(_delegator, _amount);
        _receiveBond(_delegator, oldDelDelegate, round);
        processRebond(_delegator, newLockId, _newDelegateNewPosPrev, _newDelegateNewPosNext, round);
    }

    /// @dev Moves the caller's newest unbonding lock to `_delegator`; returns its id there.
    function _moveLastLock(address _delegator, uint256 _amount) internal returns (uint256 newLockId) {
        Delegator storage oldDel = delegators[msg.sender];
        uint256 oldLockId = oldDel.nextUnbondingLockId - 1;
        UnbondingLock memory lock = oldDel.unbondingLocks[oldLockId];
        delete oldDel.unbondingLocks[oldLockId];
        Delegator storage newDel = delegators[_delegator];
        newLockId = newDel.nextUnbondingLockId;
        newDel.unbondingLocks[newLockId] = lock;
        newDel.nextUnbondingLockId = uint64(newLockId + 1);
        emit TransferBond(msg.sender, _delegator, oldLockId, newLockId, _amount);
    }

    /// @dev Claims for the receiver of a transferBond and, when it has no delegate, gives it the sender's (never itself).
    function _receiveBond(address _delegator, address _oldDelDelegate, uint256 _round) internal {
        _autoClaimEarnings(_delegator, _round);
        Delegator storage newDel = delegators[_delegator];
        if (newDel.delegateAddress == address(0) && newDel.bondedAmount == 0) {
            require(_oldDelDelegate != _delegator, "INVALID_DELEGATOR");
            require(_delegator != address(0), "INVALID_DELEGATOR");
            newDel.delegateAddress = _oldDelDelegate;
            newDel.slashIndex = transcoders[_oldDelDelegate].slashCount;
        }
        if (newDel.bondedAmount == 0) newDel.startRound = (_round + 1).toUint48();
    }

    function withdrawStake(uint256 _unbondingLockId) external whenSystemNotPaused currentRoundInitialized {
        UnbondingLock storage lock = delegators[msg.sender].unbondingLocks[_unbondingLockId];
        require(lock.withdrawRound > 0, "invalid unbonding lock ID");
        require(
            lock.withdrawRound <= roundsManager().currentRound(),
            "withdraw round must be before or equal to the current round"
        );
        uint256 amount = lock.amount;
        uint256 withdrawRound = lock.withdrawRound;
        delete delegators[msg.sender].unbondingLocks[_unbondingLockId];
        minter().trustedTransferTokens(msg.sender, amount);
        emit WithdrawStake(msg.sender, _unbondingLockId, amount, withdrawRound);
    }

    function withdrawFees(address payable _recipient, uint256 _amount)
        external
        whenSystemNotPaused
        currentRoundInitialized
    {
        uint256 round = roundsManager().currentRound();
        _autoClaimEarnings(msg.sender, round);
        require(_recipient != address(0), "invalid recipient");
        Delegator storage del = delegators[msg.sender];
        uint256 fees = del.fees;
        require(fees >= _amount, "insufficient fees to withdraw");
        del.fees = fees - _amount;
        minter().trustedWithdrawETH(_recipient, _amount);
        emit WithdrawFees(msg.sender, _recipient, _amount);
        _checkpoint(msg.sender, round);
    }

    /// @notice Claims earnings through the current round (`_endRound` is ignored, as in Livepeer's).
    function claimEarnings(uint256 _endRound) external whenSystemNotPaused currentRoundInitialized {
        _endRound;
        uint256 round = roundsManager().currentRound();
        _autoClaimEarnings(msg.sender, round);
        _checkpoint(msg.sender, round);
    }

    /// @notice At initializeRound (RoundsManager only): the pool's stake becomes the round's active stake and a
    /// pending treasury cut rate applies.
    function setCurrentRoundTotalActiveStake() external {
        require(msg.sender == _contract("RoundsManager"), "caller must be RoundsManager");
        currentRoundTotalActiveStake = nextRoundTotalActiveStake;
        if (nextRoundTreasuryRewardCutRate != treasuryRewardCutRate) {
            treasuryRewardCutRate = nextRoundTreasuryRewardCutRate;
            emit ParameterUpdate("treasuryRewardCutRate");
        }
        IBondingVotes votes = bondingVotes();
        if (address(votes) != address(0)) {
            votes.checkpointTotalActiveStake(currentRoundTotalActiveStake, roundsManager().currentRound());
        }
    }

    /// @notice Re-writes an account's BondingVotes checkpoint from its current state.
    function checkpointBondingState(address _account) external {
        _checkpoint(_account, roundsManager().currentRound());
    }

    // ------------------------------------------------------------------ views

    function pendingStake(address _delegator, uint256 _endRound) external view returns (uint256) {
        _endRound;
        (uint256 stake,) = pendingStakeAndFees(_delegator, roundsManager().currentRound());
        return stake;
    }

    function pendingFees(address _delegator, uint256 _endRound) external view returns (uint256) {
        _endRound;
        (, uint256 fees) = pendingStakeAndFees(_delegator, roundsManager().currentRound());
        return fees;
    }

    function transcoderTotalStake(address _transcoder) public view returns (uint256) {
        return delegators[_transcoder].delegatedAmount;
    }

    function transcoderStatus(address _transcoder) external view returns (TranscoderStatus) {
        return isRegisteredTranscoder(_transcoder) ? TranscoderStatus.Registered : TranscoderStatus.NotRegistered;
    }

    function delegatorStatus(address _delegator) public view returns (DelegatorStatus) {
        Delegator storage del = delegators[_delegator];
        if (del.bondedAmount == 0) return DelegatorStatus.Unbonded;
        if (del.startRound > roundsManager().currentRound()) return DelegatorStatus.Pending;
        return DelegatorStatus.Bonded;
    }

    function getTranscoder(address _transcoder)
        external
        view
        returns (
            uint256 lastRewardRound,
            uint256 rewardCut,
            uint256 feeShare,
            uint256 lastActiveStakeUpdateRound,
            uint256 activationRound,
            uint256 deactivationRound,
            uint256 activeCumulativeRewards,
            uint256 cumulativeRewards,
            uint256 cumulativeFees,
            uint256 lastFeeRound
        )
    {
        Transcoder storage t = transcoders[_transcoder];
        lastRewardRound = t.lastRewardRound;
        rewardCut = t.rewardCut;
        feeShare = t.feeShare;
        lastActiveStakeUpdateRound = t.lastActiveStakeUpdateRound;
        activationRound = t.activationRound;
        deactivationRound = t.deactivationRound == NO_DEACTIVATION ? MAX_FUTURE_ROUND : t.deactivationRound;
        activeCumulativeRewards = t.activeCumulativeRewards;
        cumulativeRewards = t.cumulativeRewards;
        cumulativeFees = t.cumulativeFees;
        lastFeeRound = t.lastFeeRound;
    }

    function getTranscoderEarningsPoolForRound(address _transcoder, uint256 _round)
        external
        view
        returns (
            uint256 totalStake,
            uint256 transcoderRewardCut,
            uint256 transcoderFeeShare,
            uint256 cumulativeRewardFactor,
            uint256 cumulativeFeeFactor
        )
    {
        EarningsPool storage pool = transcoders[_transcoder].earningsPoolPerRound[_round];
        return (
            pool.totalStake,
            pool.transcoderRewardCut,
            pool.transcoderFeeShare,
            pool.cumulativeRewardFactor,
            pool.cumulativeFeeFactor
        );
    }

    function getDelegator(address _delegator)
        external
        view
        returns (
            uint256 bondedAmount,
            uint256 fees,
            address delegateAddress,
            uint256 delegatedAmount,
            uint256 startRound,
            uint256 lastClaimRound,
            uint256 nextUnbondingLockId
        )
    {
        Delegator storage del = delegators[_delegator];
        return (
            del.bondedAmount,
            del.fees,
            del.delegateAddress,
            del.delegatedAmount,
            del.startRound,
            del.lastClaimRound,
            del.nextUnbondingLockId
        );
    }

    function getDelegatorUnbondingLock(address _delegator, uint256 _unbondingLockId)
        external
        view
        returns (uint256 amount, uint256 withdrawRound)
    {
        UnbondingLock storage lock = delegators[_delegator].unbondingLocks[_unbondingLockId];
        return (lock.amount, lock.withdrawRound);
    }

    /// @notice Project extension: how many slashes of its delegate a delegator has had applied, and the delegate's total.
    function getSlashState(address _delegator) external view returns (uint256 slashIndex, uint256 slashCount) {
        Delegator storage del = delegators[_delegator];
        return (del.slashIndex, transcoders[del.delegateAddress].slashCount);
    }

    /// @notice Project extension: slash `_index` of `_transcoder` (round, fraction 1e6, factors at the slash).
    function getTranscoderSlash(address _transcoder, uint256 _index)
        external
        view
        returns (uint256 round, uint256 fraction, uint256 cumulativeRewardFactor, uint256 cumulativeFeeFactor)
    {
        SlashRecord storage s = slashes[_transcoder][_index];
        return (s.round, s.fraction, s.cumulativeRewardFactor, s.cumulativeFeeFactor);
    }

    function getTranscoderPoolMaxSize() external view returns (uint256) {
        return transcoderPool.maxSize;
    }

    function getTranscoderPoolSize() external view returns (uint256) {
        return transcoderPool.size;
    }

    function getFirstTranscoderInPool() external view returns (address) {
        return transcoderPool.head;
    }

    function getNextTranscoderInPool(address _transcoder) external view returns (address) {
        return transcoderPool.getNext(_transcoder);
    }

    function getTotalBonded() external view returns (uint256) {
        return currentRoundTotalActiveStake;
    }

    function isActiveTranscoder(address _transcoder) external view returns (bool) {
        return _isActive(transcoders[_transcoder], roundsManager().currentRound());
    }

    /// @notice Project extension: active this round and not slashed in it (may call reward and receive fees).
    function canEarn(address _transcoder) external view returns (bool) {
        return _canEarn(transcoders[_transcoder], roundsManager().currentRound());
    }

    function isRegisteredTranscoder(address _transcoder) public view returns (bool) {
        Delegator storage d = delegators[_transcoder];
        return d.delegateAddress == _transcoder && d.bondedAmount > 0;
    }

    function isValidUnbondingLock(address _delegator, uint256 _unbondingLockId) external view returns (bool) {
        return delegators[_delegator].unbondingLocks[_unbondingLockId].withdrawRound > 0;
    }

    // ------------------------------------------------------------------ internals: earnings

    function _currentRoundInitialized() internal view {
        require(roundsManager().currentRoundInitialized(), "current round is not initialized");
    }

    function _isActive(Transcoder storage _t, uint256 _round) internal view returns (bool) {
        return _t.activationRound <= _round && _round < _t.deactivationRound;
    }

    function _canEarn(Transcoder storage _t, uint256 _round) internal view returns (bool) {
        return _isActive(_t, _round) && (_t.slashCount == 0 || _t.lastSlashRound != _round);
    }

    /// @dev The factors stored for `_round`, where an unset one falls back to the latest earlier reward/fee round.
    function latestCumulativeFactors(Transcoder storage _t, uint256 _round) internal view returns (uint256 crf, uint256 cff) {
        EarningsPool storage pool = _t.earningsPoolPerRound[_round];
        crf = pool.cumulativeRewardFactor;
        cff = pool.cumulativeFeeFactor;
        uint256 lastRewardRound = _t.lastRewardRound;
        if (crf == 0 && lastRewardRound < _round) crf = _t.earningsPoolPerRound[lastRewardRound].cumulativeRewardFactor;
        uint256 lastFeeRound = _t.lastFeeRound;
        if (cff == 0 && lastFeeRound < _round) cff = _t.earningsPoolPerRound[lastFeeRound].cumulativeFeeFactor;
    }

    function ensureInitializedCumulativeFactorsPool(address _transcoder, uint256 _round) internal {
        Transcoder storage t = transcoders[_transcoder];
        EarningsPool storage pool = t.earningsPoolPerRound[_round];
        if (pool.cumulativeRewardFactor == 0) {
            uint256 lastRewardRound = t.lastRewardRound;
            if (lastRewardRound < _round) {
                pool.cumulativeRewardFactor = t.earningsPoolPerRound[lastRewardRound].cumulativeRewardFactor;
            }
        }
        if (pool.cumulativeFeeFactor == 0) {
            uint256 lastFeeRound = t.lastFeeRound;
            if (lastFeeRound < _round) pool.cumulativeFeeFactor = t.earningsPoolPerRound[lastFeeRound].cumulativeFeeFactor;
        }
    }

    /// @dev Stake and fees after claiming through `_endRound`: from the factors at lastClaimRound, through each
    /// unapplied slash (stake scaled by the factors to the slash, then by 1 - fraction), to the latest factors.
    function pendingStakeAndFees(address _delegator, uint256 _endRound) internal view returns (uint256 stake, uint256 fees) {
        Delegator storage del = delegators[_delegator];
        address delegate = del.delegateAddress;
        Transcoder storage t = transcoders[delegate];
        stake = del.bondedAmount;
        fees = del.fees;
        uint256 slashIndex = del.slashIndex;
        uint256 slashCount = t.slashCount;

        if (del.lastClaimRound < _endRound || slashIndex < slashCount) {
            EarningsPool storage start = t.earningsPoolPerRound[del.lastClaimRound];
            uint256 refCrf = start.cumulativeRewardFactor;
            if (refCrf == 0) refCrf = PreciseMathUtils.PERC_DIVISOR;
            uint256 refCff = start.cumulativeFeeFactor;
            for (uint256 i = slashIndex; i < slashCount; i++) {
                SlashRecord storage s = slashes[delegate][i];
                fees += PreciseMathUtils.percOf(stake, _saturatingSub(s.cumulativeFeeFactor, refCff), refCrf);
                stake = PreciseMathUtils.percOf(stake, s.cumulativeRewardFactor, refCrf);
                stake = MathUtils.percOf(stake, MathUtils.PERC_DIVISOR - s.fraction);
                (refCrf, refCff) = (s.cumulativeRewardFactor, s.cumulativeFeeFactor);
            }
            (uint256 endCrf, uint256 endCff) = latestCumulativeFactors(t, _endRound);
            if (endCrf == 0) endCrf = PreciseMathUtils.PERC_DIVISOR;
            fees += PreciseMathUtils.percOf(stake, _saturatingSub(endCff, refCff), refCrf);
            stake = PreciseMathUtils.percOf(stake, endCrf, refCrf);
        }
        if (_delegator == delegate) {
            stake += t.cumulativeRewards;
            fees += t.cumulativeFees;
        }
    }

    function _autoClaimEarnings(address _delegator, uint256 _round) internal {
        Delegator storage del = delegators[_delegator];
        uint256 lastClaimRound = del.lastClaimRound;
        if (lastClaimRound < _round || del.slashIndex < transcoders[del.delegateAddress].slashCount) {
            updateDelegatorWithEarnings(_delegator, _round, lastClaimRound);
        }
    }

    function updateDelegatorWithEarnings(address _delegator, uint256 _endRound, uint256 _lastClaimRound) internal {
        Delegator storage del = delegators[_delegator];
        uint256 bonded = del.bondedAmount;
        uint256 fees = del.fees;
        address delegate = del.delegateAddress;
        if (delegate != address(0)) {
            (bonded, fees) = pendingStakeAndFees(_delegator, _endRound);
            ensureInitializedCumulativeFactorsPool(delegate, _endRound);
            Transcoder storage t = transcoders[delegate];
            if (delegate == _delegator) {
                t.cumulativeFees = 0;
                t.cumulativeRewards = 0;
            }
            del.slashIndex = t.slashCount;
        }
        emit EarningsClaimed(
            delegate,
            _delegator,
            _saturatingSub(bonded, del.bondedAmount),
            fees - del.fees,
            _lastClaimRound < _endRound ? _lastClaimRound + 1 : _endRound,
            _endRound
        );
        del.lastClaimRound = _endRound.toUint48();
        del.bondedAmount = bonded;
        del.fees = fees;
    }

    /// @dev A third party may not trigger a claim for a delegator of an active transcoder that has not called reward
    /// this round (the delegator would forfeit the round's reward).
    function _authorizeClaimEarnings(address _owner, uint256 _round) internal view {
        if (msg.sender == _owner) return;
        Delegator storage del = delegators[_owner];
        if (del.bondedAmount == 0) return;
        Transcoder storage t = transcoders[del.delegateAddress];
        if (!_isActive(t, _round)) return;
        require(t.lastRewardRound == _round || del.lastClaimRound == _round, "ILLEGAL_CLAIM_EARNINGS");
    }

    function updateTranscoderWithRewards(
        address _transcoder,
        uint256 _rewards,
        uint256 _round,
        address _newPosPrev,
        address _newPosNext
    ) internal {
        Transcoder storage t = transcoders[_transcoder];
        EarningsPool storage pool = t.earningsPoolPerRound[_round];
        uint256 prevCrf = t.earningsPoolPerRound[t.lastRewardRound].cumulativeRewardFactor;
        if (prevCrf == 0) prevCrf = PreciseMathUtils.PERC_DIVISOR;

        uint256 activeCumulativeRewards = t.cumulativeRewards;
        t.activeCumulativeRewards = activeCumulativeRewards;
        uint256 totalStake = pool.totalStake;
        uint256 commission = MathUtils.percOf(_rewards, pool.transcoderRewardCut);
        uint256 delegatorsRewards = _rewards - commission;
        uint256 rewardStakeRewards = PreciseMathUtils.percOf(delegatorsRewards, activeCumulativeRewards, totalStake);
        t.cumulativeRewards = activeCumulativeRewards + rewardStakeRewards + commission;
        pool.cumulativeRewardFactor = prevCrf + PreciseMathUtils.percOf(prevCrf, delegatorsRewards, totalStake);
        increaseTotalStake(_transcoder, _rewards, _newPosPrev, _newPosNext, _round);
    }

    function processRebond(address _delegator, uint256 _lockId, address _newPosPrev, address _newPosNext, uint256 _round)
        internal
    {
        Delegator storage del = delegators[_delegator];
        UnbondingLock storage lock = del.unbondingLocks[_lockId];
        require(lock.withdrawRound > 0, "invalid unbonding lock ID");
        uint256 amount = lock.amount;
        del.bondedAmount += amount;
        delete del.unbondingLocks[_lockId];
        address delegate = del.delegateAddress;
        increaseTotalStake(delegate, amount, _newPosPrev, _newPosNext, _round);
        if (delegate != _delegator) _checkpoint(delegate, _round);
        emit Rebond(delegate, _delegator, _lockId, amount);
        _checkpoint(_delegator, _round);
    }

    // ------------------------------------------------------------------ internals: pool and stake

    function increaseTotalStake(address _delegate, uint256 _amount, address _newPosPrev, address _newPosNext, uint256 _round)
        internal
    {
        Transcoder storage t = transcoders[_delegate];
        uint256 currStake = delegators[_delegate].delegatedAmount;
        uint256 newStake = currStake + _amount;
        bool activeNow = _isActive(t, _round);
        bool activeNext = transcoderPool.contains(_delegate);
        if (activeNext) {
            transcoderPool.updateKey(_delegate, newStake, _newPosPrev, _newPosNext);
            nextRoundTotalActiveStake += _amount;
        } else if (isRegisteredTranscoder(_delegate)) {
            tryToJoinActiveSet(_delegate, newStake, _round + 1, _newPosPrev, _newPosNext);
        }
        if (activeNow || activeNext) _updateStakeRounds(t, currStake, newStake, _round);
        delegators[_delegate].delegatedAmount = newStake;
    }

    function decreaseTotalStake(address _delegate, uint256 _amount, address _newPosPrev, address _newPosNext, uint256 _round)
        internal
    {
        Transcoder storage t = transcoders[_delegate];
        uint256 currStake = delegators[_delegate].delegatedAmount;
        uint256 newStake = currStake - _amount;
        bool activeNow = _isActive(t, _round);
        bool activeNext = transcoderPool.contains(_delegate);
        if (activeNext) {
            transcoderPool.updateKey(_delegate, newStake, _newPosPrev, _newPosNext);
            nextRoundTotalActiveStake -= _amount;
        }
        if (activeNow || activeNext) _updateStakeRounds(t, currStake, newStake, _round);
        delegators[_delegate].delegatedAmount = newStake;
    }

    /// @dev Keeps this round's pool stake at its start-of-round value and records the next round's.
    function _updateStakeRounds(Transcoder storage _t, uint256 _currStake, uint256 _newStake, uint256 _round) internal {
        if (_t.lastActiveStakeUpdateRound < _round) _t.earningsPoolPerRound[_round].totalStake = _currStake;
        _t.earningsPoolPerRound[_round + 1].totalStake = _newStake;
        _t.lastActiveStakeUpdateRound = uint64(_round + 1);
    }

    function tryToJoinActiveSet(
        address _transcoder,
        uint256 _totalStake,
        uint256 _activationRound,
        address _newPosPrev,
        address _newPosNext
    ) internal {
        uint256 pendingNextRoundTotalActiveStake = nextRoundTotalActiveStake;
        if (transcoderPool.isFull()) {
            address lastTranscoder = transcoderPool.tail;
            uint256 lastStake = delegators[lastTranscoder].delegatedAmount;
            // Ties do not evict.
            if (_totalStake <= lastStake) return;
            transcoderPool.remove(lastTranscoder);
            transcoders[lastTranscoder].deactivationRound = uint64(_activationRound);
            pendingNextRoundTotalActiveStake -= lastStake;
            emit TranscoderDeactivated(lastTranscoder, _activationRound);
        }
        transcoderPool.insert(_transcoder, _totalStake, _newPosPrev, _newPosNext);
        Transcoder storage t = transcoders[_transcoder];
        t.lastActiveStakeUpdateRound = uint64(_activationRound);
        // Project rule (RULES.md F14, economics #16): a transcoder still active this round (it left the pool earlier in
        // it) keeps its activation round, so it stays active without a gap.
        uint256 round = _activationRound - 1;
        if (!(t.activationRound <= round && round < t.deactivationRound)) t.activationRound = uint64(_activationRound);
        t.deactivationRound = NO_DEACTIVATION;
        t.earningsPoolPerRound[_activationRound].totalStake = _totalStake;
        nextRoundTotalActiveStake = pendingNextRoundTotalActiveStake + _totalStake;
        emit TranscoderActivated(_transcoder, _activationRound);
    }

    function resignTranscoder(address _transcoder, uint256 _round) internal {
        transcoderPool.remove(_transcoder);
        nextRoundTotalActiveStake -= delegators[_transcoder].delegatedAmount;
        transcoders[_transcoder].deactivationRound = uint64(_round + 1);
        emit TranscoderDeactivated(_transcoder, _round + 1);
    }

    function _setTreasuryRewardCutRate(uint256 _cutRate) internal {
        require(PreciseMathUtils.validPerc(_cutRate), "_cutRate is invalid precise percentage");
        nextRoundTreasuryRewardCutRate = _cutRate;
        emit ParameterUpdate("nextRoundTreasuryRewardCutRate");
    }

    /// @dev Records the account's state for stake votes from the next round, when a BondingVotes is registered.
    function _checkpoint(address _account, uint256 _round) internal {
        IBondingVotes votes = bondingVotes();
        if (address(votes) == address(0)) return;
        Delegator storage del = delegators[_account];
        votes.checkpointBondingState(
            _account,
            _round + 1,
            del.bondedAmount,
            del.delegateAddress,
            del.delegatedAmount,
            del.lastClaimRound,
            transcoders[_account].lastRewardRound
        );
    }

    function _saturatingSub(uint256 _a, uint256 _b) internal pure returns (uint256) {
        return _a > _b ? _a - _b : 0;
    }

    // ------------------------------------------------------------------ registry

    function roundsManager() internal view returns (IRoundsManager) {
        return IRoundsManager(_contract("RoundsManager"));
    }

    function minter() internal view returns (IMinter) {
        return IMinter(_contract("Minter"));
    }

    function livepeerToken() internal view returns (ILivepeerToken) {
        return ILivepeerToken(_contract("LivepeerToken"));
    }

    function treasury() internal view returns (address) {
        return _contract("Treasury");
    }

    function bondingVotes() internal view returns (IBondingVotes) {
        return IBondingVotes(_contract("BondingVotes"));
    }
}
