// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Manager} from "../Manager.sol";
import {MathUtilsV2} from "../libraries/MathUtilsV2.sol";
import {ILivepeerToken} from "./ILivepeerToken.sol";
import {IBondingManager} from "../interfaces/IBondingManager.sol";

/// @title Minter
/// @notice Holds bonded LPT and fee ETH for the protocol, mints each round's rewards and moves the inflation rate
/// (over 1e9) by inflationChange per round towards the target bonding rate.
contract Minter is Manager {
    uint256 public inflation;
    uint256 public inflationChange;
    uint256 public targetBondingRate;
    uint256 public currentMintableTokens;
    uint256 public currentMintedTokens;

    event SetCurrentRewardTokens(uint256 currentMintableTokens, uint256 currentInflation);

    modifier onlyBondingManager() {
        require(msg.sender == _contract("BondingManager"), "msg.sender not BondingManager");
        _;
    }

    modifier onlyRoundsManager() {
        require(msg.sender == _contract("RoundsManager"), "msg.sender not RoundsManager");
        _;
    }

    modifier onlyBondingManagerOrJobsManager() {
        require(
            msg.sender == _contract("BondingManager") || msg.sender == _contract("JobsManager"),
            "msg.sender not BondingManager or JobsManager"
        );
        _;
    }

    modifier onlyMinterOrJobsManager() {
        require(
            msg.sender == _contract("Minter") || msg.sender == _contract("JobsManager"), "msg.sender not Minter or JobsManager"
        );
        _;
    }

    constructor(address _controller, uint256 _inflation, uint256 _inflationChange, uint256 _targetBondingRate)
        Manager(_controller)
    {
        require(MathUtilsV2.validPerc(_inflation), "_inflation is invalid percentage");
        require(MathUtilsV2.validPerc(_inflationChange), "_inflationChange is invalid percentage");
        require(MathUtilsV2.validPerc(_targetBondingRate), "_targetBondingRate is invalid percentage");
        inflation = _inflation;
        inflationChange = _inflationChange;
        targetBondingRate = _targetBondingRate;
    }

    function setTargetBondingRate(uint256 _targetBondingRate) external onlyControllerOwner {
        require(MathUtilsV2.validPerc(_targetBondingRate), "_targetBondingRate is invalid percentage");
        targetBondingRate = _targetBondingRate;
        emit ParameterUpdate("targetBondingRate");
    }

    function setInflationChange(uint256 _inflationChange) external onlyControllerOwner {
        require(MathUtilsV2.validPerc(_inflationChange), "_inflationChange is invalid percentage");
        inflationChange = _inflationChange;
        emit ParameterUpdate("inflationChange");
    }

    /// @notice Hands this Minter's LPT and ETH to its successor (system paused; the successor needs the token roles).
    function migrateToNewMinter(address _newMinter) external onlyControllerOwner whenSystemPaused {
        require(_newMinter != address(this) && _newMinter != address(0), "invalid new Minter");
        ILivepeerToken token = livepeerToken();
        token.transfer(_newMinter, token.balanceOf(address(this)));
        Minter(payable(_newMinter)).depositETH{value: address(this).balance}();
    }

    /// @notice Mints `currentMintableTokens * floor(_fracNum * 1e9 / _fracDenom) / 1e9` to this contract.
    function createReward(uint256 _fracNum, uint256 _fracDenom)
        external
        onlyBondingManager
        whenSystemNotPaused
        returns (uint256)
    {
        uint256 mintAmount = MathUtilsV2.percOf(currentMintableTokens, _fracNum, _fracDenom);
        uint256 minted = currentMintedTokens + mintAmount;
        require(minted <= currentMintableTokens, "minted tokens cannot exceed mintable tokens");
        currentMintedTokens = minted;
        livepeerToken().mint(address(this), mintAmount);
        return mintAmount;
    }

    function trustedTransferTokens(address _to, uint256 _amount) external onlyBondingManager whenSystemNotPaused {
        livepeerToken().transfer(_to, _amount);
    }

    function trustedBurnTokens(uint256 _amount) external onlyBondingManager whenSystemNotPaused {
        livepeerToken().burn(_amount);
    }

    function trustedWithdrawETH(address payable _to, uint256 _amount)
        external
        onlyBondingManagerOrJobsManager
        whenSystemNotPaused
    {
        (bool ok,) = _to.call{value: _amount}("");
        require(ok, "ETH transfer failed");
    }

    /// @notice Takes fee ETH from the TicketBroker (registered as JobsManager) or a predecessor Minter.
    function depositETH() external payable onlyMinterOrJobsManager returns (bool) {
        return true;
    }

    /// @notice At initializeRound: moves inflation, then sets this round's mintable tokens.
    function setCurrentRewardTokens() external onlyRoundsManager whenSystemNotPaused {
        setInflation();
        currentMintableTokens = MathUtilsV2.percOf(getGlobalTotalSupply(), inflation);
        currentMintedTokens = 0;
        emit SetCurrentRewardTokens(currentMintableTokens, inflation);
    }

    function getController() external view returns (address) {
        return address(controller);
    }

    /// @notice The LPT supply inflation applies to (a single chain: the token's total supply).
    function getGlobalTotalSupply() public view returns (uint256) {
        return livepeerToken().totalSupply();
    }

    function setInflation() internal {
        uint256 supply = getGlobalTotalSupply();
        uint256 bondingRate = supply > 0
            ? MathUtilsV2.percPoints(IBondingManager(_contract("BondingManager")).getTotalBonded(), supply)
            : 0;
        if (bondingRate < targetBondingRate) {
            inflation += inflationChange;
        } else if (bondingRate > targetBondingRate) {
            inflation = inflationChange > inflation ? 0 : inflation - inflationChange;
        }
    }

    function livepeerToken() internal view returns (ILivepeerToken) {
        return ILivepeerToken(_contract("LivepeerToken"));
    }
}
