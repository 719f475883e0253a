// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The transcoder pool: addresses sorted by descending key (stake), with a maximum size that can only grow.
/// An insert takes a hint (prev, next): when it is still a valid position the insert costs no search; otherwise the
/// search starts from whichever hint node is still usable, or from the head. Without a hint a newcomer lands before
/// nodes with an equal key, as in Livepeer's pool.
library SortedDoublyLL {
    struct Node {
        uint256 key;
        address nextId; // smaller key
        address prevId; // larger key
    }

    struct Data {
        address head;
        address tail;
        uint256 maxSize;
        uint256 size;
        mapping(address => Node) nodes;
    }

    function setMaxSize(Data storage self, uint256 _size) internal {
        require(_size > self.maxSize, "new max size must be greater than old max size");
        self.maxSize = _size;
    }

    function insert(Data storage self, address _id, uint256 _key, address _prevId, address _nextId) internal {
        require(self.size < self.maxSize, "list is full");
        require(!contains(self, _id), "node already in list");
        require(_id != address(0), "node id is null");
        require(_key > 0, "key is zero");

        (address prevId, address nextId) = (_prevId, _nextId);
        if (!validInsertPosition(self, _key, prevId, nextId)) (prevId, nextId) = findInsertPosition(self, _key, prevId, nextId);

        Node storage node = self.nodes[_id];
        node.key = _key;
        node.prevId = prevId;
        node.nextId = nextId;
        if (prevId == address(0)) self.head = _id;
        else self.nodes[prevId].nextId = _id;
        if (nextId == address(0)) self.tail = _id;
        else self.nodes[nextId].prevId = _id;
        self.size += 1;
    }

    function remove(Data storage self, address _id) internal {
        require(contains(self, _id), "node not in list");
        Node storage node = self.nodes[_id];
        (address prevId, address nextId) = (node.prevId, node.nextId);
        if (prevId == address(0)) self.head = nextId;
        else self.nodes[prevId].nextId = nextId;
        if (nextId == address(0)) self.tail = prevId;
        else self.nodes[nextId].prevId = prevId;
        delete self.nodes[_id];
        self.size -= 1;
    }

    /// @dev Moves a node to its position for `_newKey` (removed when the key becomes 0).
    function updateKey(Data storage self, address _id, uint256 _newKey, address _prevId, address _nextId) internal {
        remove(self, _id);
        if (_newKey > 0) insert(self, _id, _newKey, _prevId, _nextId);
    }

    function contains(Data storage self, address _id) internal view returns (bool) {
        return self.nodes[_id].key > 0;
    }

    function isFull(Data storage self) internal view returns (bool) {
        return self.size == self.maxSize;
    }

    function getKey(Data storage self, address _id) internal view returns (uint256) {
        return self.nodes[_id].key;
    }

    function getNext(Data storage self, address _id) internal view returns (address) {
        return self.nodes[_id].nextId;
    }

    /// @dev (prev, next) are adjacent (or the list's ends) and prev.key >= _key >= next.key.
    function validInsertPosition(Data storage self, uint256 _key, address _prevId, address _nextId) private view returns (bool) {
        if (_prevId == address(0) && _nextId == address(0)) return self.size == 0;
        if (_prevId == address(0)) return self.head == _nextId && _key >= self.nodes[_nextId].key;
        if (_nextId == address(0)) return self.tail == _prevId && _key <= self.nodes[_prevId].key;
        Node storage prev = self.nodes[_prevId];
        return prev.nextId == _nextId && prev.key >= _key && _key >= self.nodes[_nextId].key;
    }

    function descendList(Data storage self, uint256 _key, address _startId) private view returns (address, address) {
        if (self.head == _startId && _key >= self.nodes[_startId].key) return (address(0), _startId);
        address prevId = _startId;
        address nextId = self.nodes[prevId].nextId;
        while (prevId != address(0) && !validInsertPosition(self, _key, prevId, nextId)) {
            prevId = nextId;
            nextId = self.nodes[prevId].nextId;
        }
        return (prevId, nextId);
    }

    function ascendList(Data storage self, uint256 _key, address _startId) private view returns (address, address) {
        if (self.tail == _startId && _key <= self.nodes[_startId].key) return (_startId, address(0));
        address nextId = _startId;
        address prevId = self.nodes[nextId].prevId;
        while (nextId != address(0) && !validInsertPosition(self, _key, prevId, nextId)) {
            nextId = prevId;
            prevId = self.nodes[nextId].prevId;
        }
        return (prevId, nextId);
    }

    function findInsertPosition(Data storage self, uint256 _key, address _prevId, address _nextId)
        private
        view
        returns (address, address)
    {
        // A hint node that left the list or whose key moved past `_key` is dropped.
        if (_prevId != address(0) && (!contains(self, _prevId) || _key > self.nodes[_prevId].key)) _prevId = address(0);
        if (_nextId != address(0) && (!contains(self, _nextId) || _key < self.nodes[_nextId].key)) _nextId = address(0);
        if (_prevId != address(0)) return descendList(self, _key, _prevId);
        if (_nextId != address(0)) return ascendList(self, _key, _nextId);
        return descendList(self, _key, self.head);
    }
}
