// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice A test-only contract: emits events, reverts with a given reason, and refuses a second initialization,
/// so the transaction plumbing and the event follower are tested before any Livepeer contract exists.
contract Probe {
    event Ping(uint256 indexed n, address indexed from);

    bool public initialized;

    function ping(uint256 n) external {
        emit Ping(n, msg.sender);
    }

    function fail(string calldata reason) external pure {
        revert(reason);
    }

    function initializeOnce() external {
        require(!initialized, "round already initialized");
        initialized = true;
    }
}
