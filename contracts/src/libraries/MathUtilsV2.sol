// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Percentages over 1e9 (inflation, inflationChange, targetBondingRate), rounded down as Livepeer's.
library MathUtilsV2 {
    uint256 internal constant PERC_DIVISOR = 1_000_000_000;

    function validPerc(uint256 _amount) internal pure returns (bool) {
        return _amount <= PERC_DIVISOR;
    }

    /// @dev _amount * floor(_fracNum * 1e9 / _fracDenom) / 1e9 (the fraction is truncated first).
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
