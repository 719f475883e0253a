// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title LivepeerToken
/// @notice LPT: ERC-20 with EIP-2612 permit. Only MINTER_ROLE mints (the Minter, for rewards) and only BURNER_ROLE burns
/// (the Minter, for slashing), as in Livepeer's L2 token.
contract LivepeerToken is AccessControl, ERC20Permit {
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    bytes32 public constant BURNER_ROLE = keccak256("BURNER_ROLE");

    event Mint(address indexed to, uint256 amount);
    event Burn(address indexed burner, uint256 amount);

    /// @notice The deployer administers the roles (it grants them to the Minter, then may hand the admin role over).
    constructor() ERC20("Livepeer Token", "LPT") ERC20Permit("Livepeer Token") {
        _grantRole(DEFAULT_ADMIN_ROLE, msg.sender);
    }

    function mint(address _to, uint256 _amount) external onlyRole(MINTER_ROLE) {
        _mint(_to, _amount);
        emit Mint(_to, _amount);
    }

    function burn(uint256 _amount) external onlyRole(BURNER_ROLE) {
        _burn(msg.sender, _amount);
        emit Burn(msg.sender, _amount);
    }

    /// @notice Burns from `_from` within the allowance it gave the caller.
    function burnFrom(address _from, uint256 _amount) external onlyRole(BURNER_ROLE) {
        _spendAllowance(_from, msg.sender, _amount);
        _burn(_from, _amount);
        emit Burn(_from, _amount);
    }

    function increaseAllowance(address _spender, uint256 _addedValue) external returns (bool) {
        _approve(msg.sender, _spender, allowance(msg.sender, _spender) + _addedValue);
        return true;
    }

    function decreaseAllowance(address _spender, uint256 _subtractedValue) external returns (bool) {
        uint256 current = allowance(msg.sender, _spender);
        require(current >= _subtractedValue, "ERC20: decreased allowance below zero");
        _approve(msg.sender, _spender, current - _subtractedValue);
        return true;
    }
}
