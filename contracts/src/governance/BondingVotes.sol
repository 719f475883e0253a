// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Arrays} from "@openzeppelin/contracts/utils/Arrays.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Manager} from "../Manager.sol";
import {IBondingVotes} from "../interfaces/IBondingVotes.sol";
import {IRoundsManager} from "../interfaces/IRoundsManager.sol";
import {IBondingManagerVotesSource} from "./GovernanceSources.sol";

/// @title BondingVotes
/// @notice The ERC-5805 votes source of the LivepeerGovernor: the BondingManager checkpoints every bonding change here
/// and votes are read at any past round ("mode=livepeer_round"). A transcoder votes with its whole delegated stake, a
/// delegator with its stake including unclaimed rewards (LIP-36 factors), and nothing when its delegate is not a
/// registered transcoder. The state at the end of round r is the state at the start of round r+1.
/// Project rule (RULES.md 6a): a slash shrinks the delegators' stake too, so a delegator's power also goes through its
/// delegate's slash records it had not yet applied when checkpointed (read from the BondingManager).
contract BondingVotes is Manager, IBondingVotes {
    using Arrays for uint256[];

    /// @dev The BondingManager's fields for one account, from `startRound` on.
    struct BondingCheckpoint {
        uint256 bondedAmount;
        address delegateAddress;
        uint256 delegatedAmount;
        uint256 lastClaimRound;
        uint256 lastRewardRound;
        // Project: the delegate's slash records already applied to bondedAmount.
        uint256 slashIndex;
    }

    struct BondingCheckpoints {
        uint256[] startRounds;
        mapping(uint256 => BondingCheckpoint) data;
    }

    struct TotalActiveStakeCheckpoints {
        uint256[] rounds;
        mapping(uint256 => uint256) data;
    }

    uint256 private constant PRECISE_PERC_DIVISOR = 1e27;
    uint256 private constant PERC_DIVISOR = 1e6;

    mapping(address => BondingCheckpoints) private bondingCheckpoints;
    TotalActiveStakeCheckpoints private totalStakeCheckpoints;

    event DelegateChanged(address indexed delegator, address indexed fromDelegate, address indexed toDelegate);
    event DelegateVotesChanged(address indexed delegate, uint256 previousBalance, uint256 newBalance);
    event DelegatorBondedAmountChanged(
        address indexed delegate,
        uint256 previousBondedAmount,
        uint256 previousLastClaimRound,
        uint256 newBondedAmount,
        uint256 newLastClaimRound
    );

    error DecreasingValues(uint256 value, uint256 last);
    error FutureLastClaimRound(uint256 lastClaimRound, uint256 maxAllowed);
    error FutureLookup(uint256 queryRound, uint256 maxAllowed);
    error InvalidCaller(address caller, address required);
    error InvalidStartRound(uint256 checkpointRound, uint256 requiredRound);
    error InvalidTotalStakeCheckpointRound(uint256 checkpointRound, uint256 requiredRound);
    error MissingEarningsPool(address transcoder, uint256 round);
    error MustCallBondingManager(string bondingManagerFunction);

    modifier onlyBondingManager() {
        address bondingManager = _contract("BondingManager");
        if (msg.sender != bondingManager) revert InvalidCaller(msg.sender, bondingManager);
        _;
    }

    /// @dev ERC-5805 lookups are for rounds that have ended.
    modifier onlyPastRounds(uint256 _round) {
        uint256 current = clock();
        if (_round >= current) revert FutureLookup(_round, current == 0 ? 0 : current - 1);
        _;
    }

    constructor(address _controller) Manager(_controller) {}

    /// @notice Livepeer's proxy target id, kept for interface parity (this contract is not behind a proxy).
    function targetContractId() external pure returns (bytes32) {
        return keccak256("BondingVotesTarget");
    }

    function name() external pure returns (string memory) {
        return "Livepeer Voting Power";
    }

    function symbol() external pure returns (string memory) {
        return "vLPT";
    }

    function decimals() external pure returns (uint8) {
        return 18;
    }

    /// @notice The clock is the current round.
    function clock() public view returns (uint48) {
        return SafeCast.toUint48(IRoundsManager(_contract("RoundsManager")).currentRound());
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() external pure returns (string memory) {
        return "mode=livepeer_round";
    }

    /// @notice Votes at the end of the current round.
    function getVotes(address _account) external view returns (uint256) {
        (uint256 votes, ) = getVotesAndDelegateAtRoundStart(_account, clock() + 1);
        return votes;
    }

    /// @notice Votes at the end of past round `_round`.
    function getPastVotes(address _account, uint256 _round) external view onlyPastRounds(_round) returns (uint256) {
        (uint256 votes, ) = getVotesAndDelegateAtRoundStart(_account, _round + 1);
        return votes;
    }

    /// @notice The total active stake at the end of the current round (not every vote: stake outside the active set votes too).
    function totalSupply() external view returns (uint256) {
        return getTotalActiveStakeAt(clock() + 1);
    }

    /// @notice The total active stake at the end of past round `_round`.
    function getPastTotalSupply(uint256 _round) external view onlyPastRounds(_round) returns (uint256) {
        return getTotalActiveStakeAt(_round + 1);
    }

    /// @notice The account's delegate at the end of the current round (itself for a transcoder).
    function delegates(address _account) external view returns (address) {
        (, address delegateAddress) = getVotesAndDelegateAtRoundStart(_account, clock() + 1);
        return delegateAddress;
    }

    /// @notice The account's delegate at the end of past round `_round` (used by the governor's delegator override).
    function delegatedAt(address _account, uint256 _round) external view onlyPastRounds(_round) returns (address) {
        (, address delegateAddress) = getVotesAndDelegateAtRoundStart(_account, _round + 1);
        return delegateAddress;
    }

    /// @notice Delegation is bonding: use BondingManager.bond.
    function delegate(address) external pure {
        revert MustCallBondingManager("bond");
    }

    /// @notice Delegation is bonding: use BondingManager.bondFor.
    function delegateBySig(address, uint256, uint256, uint8, bytes32, bytes32) external pure {
        revert MustCallBondingManager("bondFor");
    }

    /// @inheritdoc IBondingVotes
    function checkpointBondingState(
        address _account,
        uint256 _startRound,
        uint256 _bondedAmount,
        address _delegateAddress,
        uint256 _delegatedAmount,
        uint256 _lastClaimRound,
        uint256 _lastRewardRound
    ) external onlyBondingManager {
        uint256 nextRound = clock() + 1;
        if (_startRound != nextRound) revert InvalidStartRound(_startRound, nextRound);
        if (_lastClaimRound >= _startRound) revert FutureLastClaimRound(_lastClaimRound, _startRound - 1);

        BondingCheckpoint memory previous;
        if (hasCheckpoint(_account)) previous = _checkpointAt(_account, _startRound);

        (uint256 slashIndex, ) = IBondingManagerVotesSource(msg.sender).getSlashState(_account);
        BondingCheckpoint memory current = BondingCheckpoint({
            bondedAmount: _bondedAmount,
            delegateAddress: _delegateAddress,
            delegatedAmount: _delegatedAmount,
            lastClaimRound: _lastClaimRound,
            lastRewardRound: _lastRewardRound,
            slashIndex: slashIndex
        });
        BondingCheckpoints storage checkpoints = bondingCheckpoints[_account];
        checkpoints.data[_startRound] = current;
        _pushSorted(checkpoints.startRounds, _startRound);

        _emitChanges(_account, previous, current);
    }

    /// @inheritdoc IBondingVotes
    function checkpointTotalActiveStake(uint256 _totalStake, uint256 _round) external onlyBondingManager {
        uint256 current = clock();
        if (_round != current) revert InvalidTotalStakeCheckpointRound(_round, current);
        totalStakeCheckpoints.data[_round] = _totalStake;
        _pushSorted(totalStakeCheckpoints.rounds, _round);
    }

    /// @notice Whether the BondingManager ever checkpointed `_account`.
    function hasCheckpoint(address _account) public view returns (bool) {
        return bondingCheckpoints[_account].startRounds.length > 0;
    }

    /// @notice The total active stake at the start of round `_round` (at most the next round): recorded at
    /// initializeRound; for a round after the last initialized one, the BondingManager's next-round stake.
    function getTotalActiveStakeAt(uint256 _round) public view returns (uint256) {
        uint256 maxRound = clock() + 1;
        if (_round > maxRound) revert FutureLookup(_round, maxRound);

        uint256[] storage rounds = totalStakeCheckpoints.rounds;
        uint256 next = rounds.lowerBound(_round);
        if (next < rounds.length) {
            // The round's own record (a 0 is a record too, as in the C# engine), else the stake the next initialized
            // round took over: a round never initialized had the same active stake.
            return totalStakeCheckpoints.data[rounds[next]];
        }
        return IBondingManagerVotesSource(_contract("BondingManager")).nextRoundTotalActiveStake();
    }

    /// @notice Votes and delegate of `_account` at the start of round `_round` (at most the next round): a registered
    /// transcoder its delegated stake, a delegator its stake with unclaimed rewards, 0 when its delegate is not a
    /// registered transcoder.
    function getVotesAndDelegateAtRoundStart(address _account, uint256 _round)
        public
        view
        returns (uint256 votes, address delegateAddress)
    {
        BondingCheckpoint storage bond = _checkpointAt(_account, _round);
        delegateAddress = bond.delegateAddress;
        if (bond.bondedAmount == 0) {
            votes = 0;
        } else if (_isRegisteredTranscoder(_account, bond)) {
            votes = bond.delegatedAmount;
        } else {
            votes = _delegatorVotesAtRoundStart(bond, _round);
        }
    }

    function _isRegisteredTranscoder(address _account, BondingCheckpoint storage _bond) private view returns (bool) {
        return _bond.delegateAddress == _account && _bond.bondedAmount > 0;
    }

    /// @dev The last checkpoint at or before `_round`, or an empty one.
    function _checkpointAt(address _account, uint256 _round) private view returns (BondingCheckpoint storage) {
        uint256 maxRound = clock() + 1;
        if (_round > maxRound) revert FutureLookup(_round, maxRound);

        BondingCheckpoints storage checkpoints = bondingCheckpoints[_account];
        BondingCheckpoint storage exact = checkpoints.data[_round];
        if (exact.bondedAmount > 0) return exact;

        uint256 after_ = checkpoints.startRounds.upperBound(_round);
        if (after_ == 0) return exact; // no checkpoint at or before _round: empty
        return checkpoints.data[checkpoints.startRounds[after_ - 1]];
    }

    /// @dev LIP-36: bondedAmount * CRF(last reward round of the delegate) / CRF(last claim round), through the
    /// delegate's unapplied slashes before `_round` (each: to the slash's CRF, then times 1 - fraction), as the
    /// BondingManager's pendingStake computes it. percOf(a, b, c) = a * floor(b * 1e27 / c) / 1e27.
    function _delegatorVotesAtRoundStart(BondingCheckpoint storage _bond, uint256 _round) private view returns (uint256) {
        address transcoder = _bond.delegateAddress;
        BondingCheckpoint storage transcoderBond = _checkpointAt(transcoder, _round);
        if (!_isRegisteredTranscoder(transcoder, transcoderBond)) return 0;

        IBondingManagerVotesSource bondingManager = IBondingManagerVotesSource(_contract("BondingManager"));
        uint256 stake = _bond.bondedAmount;
        uint256 refFactor = _rewardFactor(bondingManager, transcoder, _bond.lastClaimRound);
        (, uint256 slashCount) = bondingManager.getSlashState(transcoder);
        for (uint256 i = _bond.slashIndex; i < slashCount; i++) {
            (uint256 slashRound, uint256 fraction, uint256 slashFactor, ) = bondingManager.getTranscoderSlash(transcoder, i);
            if (slashRound >= _round) break;
            if (slashFactor == 0) slashFactor = PRECISE_PERC_DIVISOR;
            stake = (_percOf(stake, slashFactor, refFactor) * (PERC_DIVISOR - fraction)) / PERC_DIVISOR;
            refFactor = slashFactor;
        }

        uint256 rewardRound = transcoderBond.lastRewardRound;
        if (rewardRound < _bond.lastClaimRound) return stake;
        if (rewardRound > 0) {
            (, , , uint256 endFactor, ) = bondingManager.getTranscoderEarningsPoolForRound(transcoder, rewardRound);
            if (endFactor == 0) revert MissingEarningsPool(transcoder, rewardRound);
            return _percOf(stake, endFactor, refFactor);
        }
        return _percOf(stake, PRECISE_PERC_DIVISOR, refFactor);
    }

    function _rewardFactor(IBondingManagerVotesSource _bondingManager, address _transcoder, uint256 _round)
        private
        view
        returns (uint256 factor)
    {
        (, , , factor, ) = _bondingManager.getTranscoderEarningsPoolForRound(_transcoder, _round);
        if (factor == 0) factor = PRECISE_PERC_DIVISOR;
    }

    function _percOf(uint256 _a, uint256 _b, uint256 _c) private pure returns (uint256) {
        return (_a * ((_b * PRECISE_PERC_DIVISOR) / _c)) / PRECISE_PERC_DIVISOR;
    }

    function _emitChanges(address _account, BondingCheckpoint memory _previous, BondingCheckpoint memory _current) private {
        if (_previous.delegateAddress != _current.delegateAddress) {
            emit DelegateChanged(_account, _previous.delegateAddress, _current.delegateAddress);
        }
        bool wasTranscoder = _previous.delegateAddress == _account && _previous.bondedAmount > 0;
        bool isTranscoder = _current.delegateAddress == _account && _current.bondedAmount > 0;
        uint256 previousVotes = wasTranscoder ? _previous.delegatedAmount : 0;
        uint256 currentVotes = isTranscoder ? _current.delegatedAmount : 0;
        if (previousVotes != currentVotes) emit DelegateVotesChanged(_account, previousVotes, currentVotes);
        if (_previous.bondedAmount != _current.bondedAmount || _previous.lastClaimRound != _current.lastClaimRound) {
            emit DelegatorBondedAmountChanged(
                _account,
                _previous.bondedAmount,
                _previous.lastClaimRound,
                _current.bondedAmount,
                _current.lastClaimRound
            );
        }
    }

    /// @dev Appends `_value` to a sorted array unless it is already the last element.
    function _pushSorted(uint256[] storage _array, uint256 _value) private {
        uint256 length = _array.length;
        if (length == 0) {
            _array.push(_value);
            return;
        }
        uint256 last = _array[length - 1];
        if (_value < last) revert DecreasingValues(_value, last);
        if (_value > last) _array.push(_value);
    }
}
