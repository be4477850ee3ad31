#include "gates/ledger/merkle.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "gates/util/encoding.h"
#include "gates/util/sha256.h"

using namespace changegate;

namespace {

// An independent transcription of RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1
// over explicit leaf lists: slow, recursive and obviously right, hashing
// through the existing hex SHA-256 rather than the tree's own hasher.
using Leaves = std::vector<Digest>;

Digest sha(const std::string& bytes) {
  return *digest_from_hex(sha256_hex(bytes));
}

std::string raw(const Digest& d) {
  return std::string(d.begin(), d.end());
}

Leaves slice(const Leaves& d, std::size_t begin, std::size_t end) {
  return Leaves(d.begin() + static_cast<long>(begin), d.begin() + static_cast<long>(end));
}

std::size_t largest_power_of_two_below(std::size_t n) {
  std::size_t k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

Digest naive_mth(const Leaves& d) {
  if (d.empty()) return sha("");
  if (d.size() == 1) return sha(std::string(1, '\0') + raw(d[0]));
  const std::size_t k = largest_power_of_two_below(d.size());
  return sha("\x01" + raw(naive_mth(slice(d, 0, k))) + raw(naive_mth(slice(d, k, d.size()))));
}

Leaves naive_path(std::size_t m, const Leaves& d) {
  if (d.size() == 1) return {};
  const std::size_t k = largest_power_of_two_below(d.size());
  Leaves out;
  if (m < k) {
    out = naive_path(m, slice(d, 0, k));
    out.push_back(naive_mth(slice(d, k, d.size())));
  } else {
    out = naive_path(m - k, slice(d, k, d.size()));
    out.push_back(naive_mth(slice(d, 0, k)));
  }
  return out;
}

Leaves naive_subproof(std::size_t m, const Leaves& d, bool b) {
  if (m == d.size()) return b ? Leaves{} : Leaves{naive_mth(d)};
  const std::size_t k = largest_power_of_two_below(d.size());
  Leaves out;
  if (m <= k) {
    out = naive_subproof(m, slice(d, 0, k), b);
    out.push_back(naive_mth(slice(d, k, d.size())));
  } else {
    out = naive_subproof(m - k, slice(d, k, d.size()), false);
    out.push_back(naive_mth(slice(d, 0, k)));
  }
  return out;
}

Leaves entries(std::size_t n) {
  Leaves out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(sha("entry " + std::to_string(i + 1)));
  return out;
}

Digest flipped(Digest d) {
  d[7] ^= 0x20;
  return d;
}

// A store as the ledger would keep one: only the nodes each append
// completes, looked up by (level, index), counting reads.
class StoredNodes : public MerkleNodes {
 public:
  void append(const Digest& entry_hash) {
    for (const MerkleNode& n : nodes_completed_by_append(*this, entry_hash))
      REQUIRE(stored_.emplace(std::make_pair(n.level, n.index), n.hash).second);
    ++size_;
  }
  std::uint64_t size() const override { return size_; }
  Digest node(int level, std::uint64_t index) const override {
    ++reads;
    return stored_.at({level, index});
  }
  std::size_t stored() const { return stored_.size(); }
  mutable std::size_t reads = 0;

 private:
  std::map<std::pair<int, std::uint64_t>, Digest> stored_;
  std::uint64_t size_ = 0;
};

}  // namespace

TEST_CASE("merkle: a store of the nodes each append completes answers like the in-memory tree") {
  const Leaves all = entries(70);
  const MerkleTree tree(all);
  StoredNodes store;
  for (std::size_t n = 1; n <= all.size(); ++n) {
    store.append(all[n - 1]);
    INFO("tree size " << n);
    CHECK(merkle_root(store, n) == tree.root(n));
    for (std::size_t i = 0; i < n; ++i)
      CHECK(merkle_inclusion_proof(store, i, n) == tree.inclusion_proof(i, n));
    for (std::size_t m = 0; m <= n; ++m)
      CHECK(merkle_consistency_proof(store, m, n) == tree.consistency_proof(m, n));
  }
  CHECK(store.stored() == 2 * 70 - 3);  // 2n minus the number of 1 bits in n (70 = 0b1000110)
}

TEST_CASE("merkle: a proof in a million-leaf store reads a few hundred stored nodes at most") {
  // Node hashes here are labels, not a real tree (the store test above checks
  // correctness): this counts what a proof reads, O(log^2 n), never the leaves.
  class Synthetic : public MerkleNodes {
   public:
    std::uint64_t size() const override { return 1000000; }
    Digest node(int level, std::uint64_t index) const override {
      ++reads;
      Digest d{};
      d[0] = static_cast<std::uint8_t>(level);
      for (int b = 0; b < 8; ++b) d[1 + b] = static_cast<std::uint8_t>(index >> (8 * b));
      return d;
    }
    mutable std::size_t reads = 0;
  } nodes;
  for (std::uint64_t i : {0ull, 123456ull, 999999ull}) {
    nodes.reads = 0;
    const std::vector<Digest> proof = merkle_inclusion_proof(nodes, i, 1000000);
    CHECK(proof.size() <= 20);
    CHECK(nodes.reads <= 400);
  }
  nodes.reads = 0;
  CHECK(merkle_consistency_proof(nodes, 654321, 1000000).size() <= 40);
  CHECK(nodes.reads <= 400);
}

TEST_CASE("merkle: the empty tree's root is SHA-256 of the empty string") {
  CHECK(to_hex(MerkleTree().root()) ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(MerkleTree().size() == 0);
}

TEST_CASE("merkle: leaf and node hashes carry the 0x00 and 0x01 domain prefixes") {
  const Digest a = sha("a"), b = sha("b");
  CHECK(leaf_hash(a) == sha(std::string(1, '\0') + raw(a)));
  CHECK(node_hash(a, b) == sha("\x01" + raw(a) + raw(b)));
  CHECK(MerkleTree({a}).root() == leaf_hash(a));
  CHECK(MerkleTree({a, b}).root() == node_hash(leaf_hash(a), leaf_hash(b)));
}

TEST_CASE("merkle: roots of every size 1..70 match RFC 9162's MTH, built whole or as prefixes") {
  const Leaves all = entries(70);
  const MerkleTree big(all);
  for (std::size_t n = 0; n <= all.size(); ++n) {
    INFO("tree size " << n);
    const Digest expected = naive_mth(slice(all, 0, n));
    CHECK(big.root(n) == expected);
    CHECK(MerkleTree(slice(all, 0, n)).root() == expected);
  }
}

TEST_CASE("merkle: inclusion proofs for every index of every size 1..70 match PATH and verify") {
  const Leaves all = entries(70);
  const MerkleTree tree(all);
  for (std::size_t n = 1; n <= all.size(); ++n) {
    const Leaves prefix = slice(all, 0, n);
    const Digest root = tree.root(n);
    for (std::size_t i = 0; i < n; ++i) {
      INFO("leaf " << i << " in a tree of " << n);
      const std::vector<Digest> proof = tree.inclusion_proof(i, n);
      REQUIRE(proof == naive_path(i, prefix));
      CHECK(verify_inclusion(leaf_hash(all[i]), i, n, proof, root));
    }
  }
}

TEST_CASE("merkle: consistency proofs for every pair m <= n up to 70 match PROOF and verify") {
  const Leaves all = entries(70);
  const MerkleTree tree(all);
  for (std::size_t n = 1; n <= all.size(); ++n) {
    const Leaves prefix = slice(all, 0, n);
    for (std::size_t m = 0; m <= n; ++m) {
      INFO("from " << m << " to " << n);
      const std::vector<Digest> proof = tree.consistency_proof(m, n);
      REQUIRE(proof == (m == 0 ? Leaves{} : naive_subproof(m, prefix, true)));
      CHECK(verify_consistency(m, n, tree.root(m), tree.root(n), proof));
    }
  }
}

TEST_CASE(
    "merkle: an inclusion proof with a wrong sibling, leaf, index, size or root is rejected") {
  const Leaves all = entries(40);
  const MerkleTree tree(all);
  for (std::size_t n = 1; n <= all.size(); ++n) {
    const Digest root = tree.root(n);
    for (std::size_t i = 0; i < n; ++i) {
      INFO("leaf " << i << " in a tree of " << n);
      const std::vector<Digest> proof = tree.inclusion_proof(i, n);
      const Digest leaf = leaf_hash(all[i]);
      for (std::size_t p = 0; p < proof.size(); ++p) {
        std::vector<Digest> bad = proof;
        bad[p] = flipped(bad[p]);
        CHECK_FALSE(verify_inclusion(leaf, i, n, bad, root));
      }
      CHECK_FALSE(verify_inclusion(all[i], i, n, proof, root));  // entry hash, not leaf hash
      CHECK_FALSE(verify_inclusion(flipped(leaf), i, n, proof, root));
      if (i + 1 < n) CHECK_FALSE(verify_inclusion(leaf, i + 1, n, proof, root));
      if (i > 0) CHECK_FALSE(verify_inclusion(leaf, i - 1, n, proof, root));
      CHECK_FALSE(verify_inclusion(leaf, n, n, proof, root));  // index out of the tree
      if (n + 1 <= all.size())
        CHECK_FALSE(verify_inclusion(leaf, i, n + 1, proof, tree.root(n + 1)));
      if (n > 1 && i < n - 1)
        CHECK_FALSE(verify_inclusion(leaf, i, n - 1, proof, tree.root(n - 1)));
      CHECK_FALSE(verify_inclusion(leaf, i, n, proof, flipped(root)));
      std::vector<Digest> longer = proof;
      longer.push_back(root);
      CHECK_FALSE(verify_inclusion(leaf, i, n, longer, root));
      if (!proof.empty())
        CHECK_FALSE(verify_inclusion(leaf, i, n, slice(proof, 0, proof.size() - 1), root));
    }
  }
}

TEST_CASE("merkle: a consistency proof with a wrong hash, size or root is rejected") {
  const Leaves all = entries(40);
  const MerkleTree tree(all);
  for (std::size_t n = 2; n <= all.size(); ++n) {
    for (std::size_t m = 1; m < n; ++m) {
      INFO("from " << m << " to " << n);
      const std::vector<Digest> proof = tree.consistency_proof(m, n);
      const Digest old_root = tree.root(m), new_root = tree.root(n);
      for (std::size_t p = 0; p < proof.size(); ++p) {
        std::vector<Digest> bad = proof;
        bad[p] = flipped(bad[p]);
        CHECK_FALSE(verify_consistency(m, n, old_root, new_root, bad));
      }
      CHECK_FALSE(verify_consistency(m, n, flipped(old_root), new_root, proof));
      CHECK_FALSE(verify_consistency(m, n, old_root, flipped(new_root), proof));
      CHECK_FALSE(verify_consistency(m + 1, n, tree.root(m + 1), new_root, proof));
      CHECK_FALSE(verify_consistency(m - 1, n, tree.root(m - 1), new_root, proof));
      if (n + 1 <= all.size())
        CHECK_FALSE(verify_consistency(m, n + 1, old_root, tree.root(n + 1), proof));
      CHECK_FALSE(verify_consistency(m, n, old_root, new_root, {}));
      std::vector<Digest> longer = proof;
      longer.push_back(new_root);
      CHECK_FALSE(verify_consistency(m, n, old_root, new_root, longer));
      CHECK_FALSE(verify_consistency(n, m, new_root, old_root, proof));
    }
  }
}

TEST_CASE("merkle: equal sizes are consistent only with equal roots and an empty proof") {
  const MerkleTree tree(entries(5));
  CHECK(verify_consistency(5, 5, tree.root(), tree.root(), {}));
  CHECK_FALSE(verify_consistency(5, 5, tree.root(), tree.root(4), {}));
  CHECK_FALSE(verify_consistency(5, 5, tree.root(), tree.root(), {tree.root()}));
  CHECK(verify_consistency(0, 5, empty_tree_root(), tree.root(), {}));
  CHECK_FALSE(verify_consistency(0, 5, tree.root(1), tree.root(), {}));
}

TEST_CASE("merkle: a rewritten entry with recomputed hashes breaks consistency with the old root") {
  Leaves original = entries(20);
  const MerkleTree before(slice(original, 0, 12));
  Leaves rewritten = original;
  rewritten[9] = sha("a different evaluation");
  const MerkleTree after(rewritten);
  const std::vector<Digest> proof = after.consistency_proof(12, 20);
  CHECK_FALSE(verify_consistency(12, 20, before.root(), after.root(), proof));
  const MerkleTree honest(original);
  CHECK(verify_consistency(12, 20, before.root(), honest.root(), honest.consistency_proof(12, 20)));
}

TEST_CASE("merkle: proofs of a 1,500-leaf tree match the RFC definitions at the edges") {
  const Leaves all = entries(1500);
  const MerkleTree tree(all);
  CHECK(tree.root() == naive_mth(all));
  for (std::size_t i : {0, 1, 511, 512, 1023, 1024, 1498, 1499}) {
    INFO("leaf " << i);
    CHECK(tree.inclusion_proof(i, 1500) == naive_path(i, all));
  }
  for (std::size_t m : {1, 3, 512, 1024, 1025, 1499})
    CHECK(tree.consistency_proof(m, 1500) == naive_subproof(m, all, true));
}

TEST_CASE("merkle: asking beyond the tree throws out_of_range") {
  const MerkleTree tree(entries(4));
  CHECK_THROWS_AS(tree.root(5), std::out_of_range);
  CHECK_THROWS_AS(tree.inclusion_proof(4, 4), std::out_of_range);
  CHECK_THROWS_AS(tree.inclusion_proof(0, 5), std::out_of_range);
  CHECK_THROWS_AS(tree.consistency_proof(3, 5), std::out_of_range);
  CHECK_THROWS_AS(tree.consistency_proof(4, 3), std::out_of_range);
  CHECK_THROWS_AS(tree.leaf(4), std::out_of_range);
}

TEST_CASE("merkle: digests round-trip through hex and base64, other lengths are refused") {
  const Digest d = sha("x");
  CHECK(digest_from_hex(to_hex(d)) == d);
  CHECK(digest_from_base64(to_base64(d)) == d);
  CHECK_FALSE(digest_from_hex(to_hex(d).substr(2)));
  CHECK_FALSE(digest_from_base64(base64_encode("short")));
}
