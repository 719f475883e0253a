// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Manager} from "../Manager.sol";
import {MathUtils} from "../libraries/MathUtils.sol";
import {IBondingManager} from "../interfaces/IBondingManager.sol";
import {IMinter} from "../interfaces/IMinter.sol";

/// @title RoundsManager
/// @notice Rounds are fixed-length spans of blocks. Each round is initialized once (by anyone): that stores the
/// previous block's hash for tickets, locks in the round's active stake and sets the round's mintable tokens.
contract RoundsManager is Manager {
    /// @notice The id Livepeer's proxies resolve their target by (these contracts are registered directly).
    bytes32 public constant targetContractId = keccak256("RoundsManagerTarget");

    uint256 public roundLength;
    /// @notice The locked tail of each round, as a fraction of roundLength over 1e6.
    uint256 public roundLockAmount;
    uint256 public lastInitializedRound;
    uint256 public lastRoundLengthUpdateRound;
    uint256 public lastRoundLengthUpdateStartBlock;

    mapping(uint256 => bytes32) internal roundBlockHashes;
    mapping(uint256 => uint256) public lipUpgradeRound;

    event NewRound(uint256 indexed round, bytes32 blockHash);

    constructor(address _controller) Manager(_controller) {}

    /// @notice A new length takes effect from the start of the current round.
    function setRoundLength(uint256 _roundLength) external onlyControllerOwner {
        require(_roundLength > 0, "round length cannot be 0");
        if (roundLength == 0) {
            // First configuration: rounds count from block 0.
            roundLength = _roundLength;
            lastRoundLengthUpdateRound = currentRound();
            lastRoundLengthUpdateStartBlock = currentRoundStartBlock();
        } else {
            lastRoundLengthUpdateRound = currentRound();
            lastRoundLengthUpdateStartBlock = currentRoundStartBlock();
            roundLength = _roundLength;
        }
        emit ParameterUpdate("roundLength");
    }

    function setRoundLockAmount(uint256 _roundLockAmount) external onlyControllerOwner {
        require(MathUtils.validPerc(_roundLockAmount), "round lock amount must be a valid percentage");
        roundLockAmount = _roundLockAmount;
        emit ParameterUpdate("roundLockAmount");
    }

    function setLIPUpgradeRound(uint256 _lip, uint256 _round) external onlyControllerOwner {
        require(lipUpgradeRound[_lip] == 0, "LIP upgrade round already set");
        lipUpgradeRound[_lip] = _round;
    }

    function initializeRound() external whenSystemNotPaused {
        uint256 round = currentRound();
        require(lastInitializedRound < round, "round already initialized");
        lastInitializedRound = round;
        bytes32 hash = blockhash(block.number - 1);
        roundBlockHashes[round] = hash;
        // The active stake first: the Minter's inflation update reads it.
        IBondingManager(_contract("BondingManager")).setCurrentRoundTotalActiveStake();
        IMinter(_contract("Minter")).setCurrentRewardTokens();
        emit NewRound(round, hash);
    }

    function blockNum() public view returns (uint256) {
        return block.number;
    }

    function blockHash(uint256 _block) external view returns (bytes32) {
        uint256 current = blockNum();
        require(_block < current, "can only retrieve past block hashes");
        require(current < 256 || _block >= current - 256, "can only retrieve hashes for last 256 blocks");
        return blockhash(_block);
    }

    /// @notice The hash of the block before the one that initialized `_round` (zero if it was never initialized).
    function blockHashForRound(uint256 _round) external view returns (bytes32) {
        return roundBlockHashes[_round];
    }

    function currentRound() public view returns (uint256) {
        return lastRoundLengthUpdateRound + (blockNum() - lastRoundLengthUpdateStartBlock) / roundLength;
    }

    function currentRoundStartBlock() public view returns (uint256) {
        uint256 sinceUpdate = (blockNum() - lastRoundLengthUpdateStartBlock) / roundLength;
        return lastRoundLengthUpdateStartBlock + sinceUpdate * roundLength;
    }

    function currentRoundInitialized() external view returns (bool) {
        return lastInitializedRound == currentRound();
    }

    function currentRoundLocked() external view returns (bool) {
        uint256 lockedBlocks = MathUtils.percOf(roundLength, roundLockAmount);
        return blockNum() >= currentRoundStartBlock() + roundLength - lockedBlocks;
    }
}
