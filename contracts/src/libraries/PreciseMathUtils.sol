// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Fractions over 1e27 (cumulative earnings factors, treasuryRewardCutRate), rounded down as Livepeer's.
library PreciseMathUtils {
    uint256 internal constant PERC_DIVISOR = 1e27;

    function validPerc(uint256 _amount) internal pure returns (bool) {
        return _amount <= PERC_DIVISOR;
    }

    /// @dev _amount * floor(_fracNum * 1e27 / _fracDenom) / 1e27 (the fraction is truncated first).
    function percOf(uint256 _amount, uint256 _fracNum, uint256 _fracDenom) internal pure returns (uint256) {
        return (_amount * percPoints(_fracNum, _fracDenom)) / PERC_DIVISOR;
    }

    function percOf(uint256 _amount, uint256 _fracNum) internal pure returns (uint256) {
        return (_amount * _fracNum) / PERC_DIVISOR;
    }

    function percPoints(uint256 _fracNum, uint256 _fracDenom) internal pure returns (uint256) {
        return (_fracNum * PERC_DIVISOR) / _fracDenom;
    }
}
