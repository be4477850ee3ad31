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

// The tree over a ledger's entries, answering for any prefix size m <= size().
// It holds the hash of every complete subtree (2n digests: 64 MB for a
// million entries), built as leaves are appended (amortised two SHA-256 per
// append), so root, inclusion and consistency proofs of any prefix cost
// O(log^2 n) hashes and never rehash the leaves. Not thread-safe for writes.
class MerkleTree {
 public:
  MerkleTree() = default;
  // The tree whose leaves are `entry_hashes`, in order.
  explicit MerkleTree(const std::vector<Digest>& entry_hashes);

  // Appends the leaf for the next entry, whose chain hash is `entry_hash`.
  void append(const Digest& entry_hash);
  std::uint64_t size() const { return levels_.empty() ? 0 : levels_[0].size(); }
  // The leaf hash (not the entry hash) at `index`; throws std::out_of_range
  // unless index < size().
  const Digest& leaf(std::uint64_t index) const;

  // MTH of the first `tree_size` leaves (empty_tree_root() for 0). Throws
  // std::out_of_range when tree_size > size().
  Digest root(std::uint64_t tree_size) const;
  Digest root() const { return root(size()); }

  // PATH(index, D[0:tree_size]) of §2.1.3.1: the audit path of leaf `index`,
  // the leaf's sibling first. Throws std::out_of_range unless
  // index < tree_size <= size().
  std::vector<Digest> inclusion_proof(std::uint64_t index, std::uint64_t tree_size) const;

  // PROOF(old_size, D[0:new_size]) of §2.1.4.1; empty when old_size is 0 or
  // equals new_size. Throws std::out_of_range unless old_size <= new_size <= size().
  std::vector<Digest> consistency_proof(std::uint64_t old_size, std::uint64_t new_size) const;

 private:
  Digest range_hash(std::uint64_t begin, std::uint64_t end) const;
  void path(std::uint64_t index, std::uint64_t begin, std::uint64_t end,
            std::vector<Digest>* out) const;
  void subproof(std::uint64_t old_size, std::uint64_t begin, std::uint64_t end, bool whole,
                std::vector<Digest>* out) const;
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
