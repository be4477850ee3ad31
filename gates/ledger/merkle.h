// The ledger's RFC 9162 (Certificate Transparency v2) Merkle tree, §2.1. Its
// leaves' data are the entries' raw 32-byte chain hashes, in ledger order:
//   leaf hash  = SHA-256(0x00 || entry hash)
//   node hash  = SHA-256(0x01 || left || right)
//   MTH({})    = SHA-256("")
//   MTH(D[n])  = node(MTH(D[0:k]), MTH(D[k:n])), k the largest power of 2 < n.
// Indices are 0-based here; the ledger's entry N is leaf N-1.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace changegate {

using Digest = std::array<std::uint8_t, 32>;

// SHA-256 of `bytes`.
Digest sha256_digest(std::string_view bytes);
// SHA-256 of the empty string: the root of the empty tree.
Digest empty_tree_root();
// SHA-256(0x00 || data): the leaf hash of an entry whose hash is `entry_hash`.
Digest leaf_hash(const Digest& entry_hash);
// SHA-256(0x01 || left || right).
Digest node_hash(const Digest& left, const Digest& right);

// Lowercase hex / standard padded base64 of a digest, and back: nullopt for
// text that does not encode exactly 32 bytes.
std::string to_hex(const Digest& digest);
std::string to_base64(const Digest& digest);
std::optional<Digest> digest_from_hex(std::string_view hex);
std::optional<Digest> digest_from_base64(std::string_view base64);

// Where a tree's complete-subtree hashes come from: memory (MerkleTree) or
// a store that persists them as entries are appended (see
// nodes_completed_by_append), so a proof reads O(log^2 n) stored hashes
// instead of rehashing every entry.
class MerkleNodes {
 public:
  virtual ~MerkleNodes() = default;
  // The number of leaves.
  virtual std::uint64_t size() const = 0;
  // MTH of the complete subtree of leaves [index * 2^level, (index + 1) * 2^level);
  // only asked for subtrees that lie within size().
  virtual Digest node(int level, std::uint64_t index) const = 0;
};

// MTH of the first `tree_size` leaves of `nodes` (empty_tree_root() for 0).
// Throws std::out_of_range when tree_size > nodes.size().
Digest merkle_root(const MerkleNodes& nodes, std::uint64_t tree_size);

// PATH(index, D[0:tree_size]) of RFC 9162 §2.1.3.1: the audit path of leaf
// `index`, the leaf's sibling first. Throws std::out_of_range unless
// index < tree_size <= nodes.size().
std::vector<Digest> merkle_inclusion_proof(const MerkleNodes& nodes, std::uint64_t index,
                                           std::uint64_t tree_size);

// PROOF(old_size, D[0:new_size]) of §2.1.4.1; empty when old_size is 0 or
// equals new_size. Throws std::out_of_range unless old_size <= new_size <= nodes.size().
std::vector<Digest> merkle_consistency_proof(const MerkleNodes& nodes, std::uint64_t old_size,
                                             std::uint64_t new_size);

struct MerkleNode {
  int level = 0;
  std::uint64_t index = 0;
  Digest hash{};
};

// The nodes that appending the entry whose chain hash is `entry_hash` (as
// leaf nodes.size()) completes, lowest first: its leaf (level 0) and one
// node per level its index closes (two on average). A store that saves them
// with each entry answers every proof without the whole tree in memory.
// Reads at most log2(n) left siblings from `nodes`.
std::vector<MerkleNode> nodes_completed_by_append(const MerkleNodes& nodes,
                                                  const Digest& entry_hash);

// The tree over a ledger's entries, in memory, answering for any prefix size
// m <= size(). It holds the hash of every complete subtree (2n digests: 64 MB
// for a million entries), built as leaves are appended (amortised two
// SHA-256 per append), so root, inclusion and consistency proofs of any
// prefix cost O(log^2 n) hashes and never rehash the leaves. Not thread-safe
// for writes.
class MerkleTree : public MerkleNodes {
 public:
  MerkleTree() = default;
  // The tree whose leaves are `entry_hashes`, in order.
  explicit MerkleTree(const std::vector<Digest>& entry_hashes);

  // Appends the leaf for the next entry, whose chain hash is `entry_hash`.
  void append(const Digest& entry_hash);
  std::uint64_t size() const override { return levels_.empty() ? 0 : levels_[0].size(); }
  Digest node(int level, std::uint64_t index) const override { return levels_[level][index]; }
  // The leaf hash (not the entry hash) at `index`; throws std::out_of_range
  // unless index < size().
  const Digest& leaf(std::uint64_t index) const;

  // merkle_root(*this, tree_size), and of the whole tree.
  Digest root(std::uint64_t tree_size) const { return merkle_root(*this, tree_size); }
  Digest root() const { return root(size()); }
  // merkle_inclusion_proof(*this, index, tree_size).
  std::vector<Digest> inclusion_proof(std::uint64_t index, std::uint64_t tree_size) const {
    return merkle_inclusion_proof(*this, index, tree_size);
  }
  // merkle_consistency_proof(*this, old_size, new_size).
  std::vector<Digest> consistency_proof(std::uint64_t old_size, std::uint64_t new_size) const {
    return merkle_consistency_proof(*this, old_size, new_size);
  }

 private:
  // levels_[k][j] = MTH of leaves [j * 2^k, (j + 1) * 2^k).
  std::vector<std::vector<Digest>> levels_;
};

// §2.1.3.2: whether `proof` shows the leaf with hash `leaf` at `index` in the
// tree of `tree_size` leaves whose root is `root`. False (never throws) for
// index >= tree_size, a proof of the wrong length, or any wrong hash.
bool verify_inclusion(const Digest& leaf, std::uint64_t index, std::uint64_t tree_size,
                      const std::vector<Digest>& proof, const Digest& root);

// §2.1.4.2: whether `proof` shows that the tree (new_size, new_root) extends
// the tree (old_size, old_root). The RFC leaves two cases to the caller; here
// old_size == new_size holds when the proof is empty and the roots are equal,
// and old_size == 0 when the proof is empty and old_root is the empty root.
// False (never throws) for old_size > new_size or any wrong hash.
bool verify_consistency(std::uint64_t old_size, std::uint64_t new_size, const Digest& old_root,
                        const Digest& new_root, const std::vector<Digest>& proof);

}  // namespace changegate
