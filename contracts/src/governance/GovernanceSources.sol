// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice What BondingVotes reads from the BondingManager (Livepeer's signatures).
interface IBondingManagerVotesSource {
    function getTranscoderEarningsPoolForRound(address _transcoder, uint256 _round)
        external
        view
        returns (
            uint256 totalStake,
            uint256 transcoderRewardCut,
            uint256 transcoderFeeShare,
            uint256 cumulativeRewardFactor,
            uint256 cumulativeFeeFactor
        );

    function nextRoundTotalActiveStake() external view returns (uint256);

    /// @notice Project extension: slashes of its delegate applied to the delegator, and the delegate's slash count.
    function getSlashState(address _delegator) external view returns (uint256 slashIndex, uint256 slashCount);

    /// @notice Project extension: slash `_index` of `_transcoder` (round, fraction 1e6, factors at the slash).
    function getTranscoderSlash(address _transcoder, uint256 _index)
        external
        view
        returns (uint256 round, uint256 fraction, uint256 cumulativeRewardFactor, uint256 cumulativeFeeFactor);
}

/// @notice What the LivepeerGovernor reads from BondingVotes beyond ERC-5805: the delegate at a past round, for the
/// delegator override.
interface IBondingVotesSource {
    function clock() external view returns (uint48);

    function CLOCK_MODE() external view returns (string memory);

    function getPastVotes(address _account, uint256 _round) external view returns (uint256);

    function getPastTotalSupply(uint256 _round) external view returns (uint256);

    function delegatedAt(address _account, uint256 _round) external view returns (address);
}
