// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title Treasury
/// @notice OpenZeppelin's TimelockController that executes the LivepeerGovernor's passed proposals and holds the
/// treasury's LPT. It is the Controller's owner, so passed proposals can call the contracts' parameter setters.
/// Deployed with no roles but the deployer's admin; `initialize` (Livepeer's signature) hands them out once.
contract Treasury is TimelockController {
    address private immutable deployer;
    bool public initialized;

    event Initialized(uint8 version);

    constructor() TimelockController(0, new address[](0), new address[](0), msg.sender) {
        deployer = msg.sender;
    }

    /// @notice Grants the proposer and canceller roles to `proposers`, the executor role to `executors` (the zero
    /// address lets anyone execute), the admin role to `admin`, sets the delay, and drops the deployer's admin role
    /// unless it is `admin`.
    function initialize(uint256 minDelay, address[] calldata proposers, address[] calldata executors, address admin)
        external
    {
        require(msg.sender == deployer, "caller must be the deployer");
        require(!initialized, "already initialized");
        initialized = true;
        for (uint256 i = 0; i < proposers.length; i++) {
            _grantRole(PROPOSER_ROLE, proposers[i]);
            _grantRole(CANCELLER_ROLE, proposers[i]);
        }
        for (uint256 i = 0; i < executors.length; i++) {
            _grantRole(EXECUTOR_ROLE, executors[i]);
        }
        if (admin != address(0)) _grantRole(DEFAULT_ADMIN_ROLE, admin);
        // updateDelay only accepts calls from the timelock itself.
        if (minDelay != getMinDelay()) this.updateDelay(minDelay);
        if (admin != deployer) _revokeRole(DEFAULT_ADMIN_ROLE, deployer);
        emit Initialized(1);
    }

    /// @notice The admin role (OpenZeppelin 4's name; OpenZeppelin 5 uses DEFAULT_ADMIN_ROLE).
    // solhint-disable-next-line func-name-mixedcase
    function TIMELOCK_ADMIN_ROLE() external view virtual returns (bytes32) {
        return DEFAULT_ADMIN_ROLE;
    }
}
