#include "gates/ledger/merkle.h"

#include <openssl/evp.h>

#include <stdexcept>

#include "gates/util/encoding.h"

namespace changegate {

namespace {

// A million-entry tree costs two million hashes; fetching the digest and
// allocating a context once per thread instead of per hash halves that time.
class Hasher {
 public:
  Hasher() : md_(EVP_MD_fetch(nullptr, "SHA256", nullptr)), ctx_(EVP_MD_CTX_new()) {
    if (!md_ || !ctx_) throw std::runtime_error("OpenSSL: cannot initialise SHA-256");
  }
  ~Hasher() {
    EVP_MD_CTX_free(ctx_);
    EVP_MD_free(md_);
  }
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  Digest hash(std::string_view a, std::string_view b = {}, std::string_view c = {}) {
    Digest out{};
    unsigned int length = 0;
    if (EVP_DigestInit_ex(ctx_, md_, nullptr) != 1 ||
        EVP_DigestUpdate(ctx_, a.data(), a.size()) != 1 ||
        EVP_DigestUpdate(ctx_, b.data(), b.size()) != 1 ||
        EVP_DigestUpdate(ctx_, c.data(), c.size()) != 1 ||
        EVP_DigestFinal_ex(ctx_, out.data(), &length) != 1 || length != out.size())
      throw std::runtime_error("OpenSSL: SHA-256 failed");
    return out;
  }

 private:
  EVP_MD* md_;
  EVP_MD_CTX* ctx_;
};

Hasher& hasher() {
  thread_local Hasher h;
  return h;
}

std::string_view bytes(const Digest& d) {
  return {reinterpret_cast<const char*>(d.data()), d.size()};
}

// The largest power of two strictly below n (n >= 2): RFC 9162's split point k.
std::uint64_t split_point(std::uint64_t n) {
  return std::uint64_t{1} << (63 - __builtin_clzll(n - 1));
}

bool is_power_of_two(std::uint64_t n) {
  return n != 0 && (n & (n - 1)) == 0;
}

std::optional<Digest> to_digest(const std::optional<std::string>& raw) {
  if (!raw || raw->size() != Digest().size()) return std::nullopt;
  Digest d{};
  for (std::size_t i = 0; i < d.size(); ++i) d[i] = static_cast<std::uint8_t>((*raw)[i]);
  return d;
}

}  // namespace

Digest sha256_digest(std::string_view data) {
  return hasher().hash(data);
}

Digest empty_tree_root() {
  return sha256_digest({});
}

Digest leaf_hash(const Digest& entry_hash) {
  return hasher().hash(std::string_view("\x00", 1), bytes(entry_hash));
}

Digest node_hash(const Digest& left, const Digest& right) {
  return hasher().hash("\x01", bytes(left), bytes(right));
}

std::string to_hex(const Digest& digest) {
  return hex_encode(bytes(digest));
}

std::string to_base64(const Digest& digest) {
  return base64_encode(bytes(digest));
}

std::optional<Digest> digest_from_hex(std::string_view hex) {
  return to_digest(hex_decode(hex));
}

std::optional<Digest> digest_from_base64(std::string_view base64) {
  return to_digest(base64_decode(base64));
}

namespace {

// Every range RFC 9162's recursion visits starts at a multiple of its own
// rounded-up size, so a power-of-two range is one stored complete subtree
// and any other splits into one stored subtree and a shorter range.
Digest range_hash(const MerkleNodes& nodes, std::uint64_t begin, std::uint64_t end) {
  const std::uint64_t n = end - begin;
  if (is_power_of_two(n)) {
    const int level = __builtin_ctzll(n);
    return nodes.node(level, begin >> level);
  }
  const std::uint64_t k = split_point(n);
  return node_hash(range_hash(nodes, begin, begin + k), range_hash(nodes, begin + k, end));
}

void path(const MerkleNodes& nodes, std::uint64_t index, std::uint64_t begin, std::uint64_t end,
          std::vector<Digest>* out) {
  if (end - begin == 1) return;
  const std::uint64_t middle = begin + split_point(end - begin);
  if (index < middle) {
    path(nodes, index, begin, middle, out);
    out->push_back(range_hash(nodes, middle, end));
  } else {
    path(nodes, index, middle, end, out);
    out->push_back(range_hash(nodes, begin, middle));
  }
}

void subproof(const MerkleNodes& nodes, std::uint64_t old_size, std::uint64_t begin,
              std::uint64_t end, bool whole, std::vector<Digest>* out) {
  if (old_size == end) {
    if (!whole) out->push_back(range_hash(nodes, begin, end));
    return;
  }
  const std::uint64_t middle = begin + split_point(end - begin);
  if (old_size <= middle) {
    subproof(nodes, old_size, begin, middle, whole, out);
    out->push_back(range_hash(nodes, middle, end));
  } else {
    subproof(nodes, old_size, middle, end, false, out);
    out->push_back(range_hash(nodes, begin, middle));
  }
}

}  // namespace

Digest merkle_root(const MerkleNodes& nodes, std::uint64_t tree_size) {
  if (tree_size > nodes.size())
    throw std::out_of_range("root of " + std::to_string(tree_size) + " leaves in a tree of " +
                            std::to_string(nodes.size()));
  return tree_size == 0 ? empty_tree_root() : range_hash(nodes, 0, tree_size);
}

std::vector<Digest> merkle_inclusion_proof(const MerkleNodes& nodes, std::uint64_t index,
                                           std::uint64_t tree_size) {
  if (index >= tree_size || tree_size > nodes.size())
    throw std::out_of_range("inclusion proof of leaf " + std::to_string(index) + " in a tree of " +
                            std::to_string(tree_size) + " (" + std::to_string(nodes.size()) +
                            " leaves known)");
  std::vector<Digest> out;
  path(nodes, index, 0, tree_size, &out);
  return out;
}

std::vector<Digest> merkle_consistency_proof(const MerkleNodes& nodes, std::uint64_t old_size,
                                             std::uint64_t new_size) {
  if (old_size > new_size || new_size > nodes.size())
    throw std::out_of_range("consistency proof from " + std::to_string(old_size) + " to " +
                            std::to_string(new_size) + " leaves (" + std::to_string(nodes.size()) +
                            " known)");
  std::vector<Digest> out;
  if (old_size != 0 && old_size != new_size) subproof(nodes, old_size, 0, new_size, true, &out);
  return out;
}

std::vector<MerkleNode> nodes_completed_by_append(const MerkleNodes& nodes,
                                                  const Digest& entry_hash) {
  // Leaf i closes the level-k node ending at it for every 2^k dividing i + 1;
  // each is its left sibling (already stored) hashed with the node just made.
  const std::uint64_t index = nodes.size();
  std::vector<MerkleNode> out{{0, index, leaf_hash(entry_hash)}};
  for (int level = 0; ((index + 1) >> level) % 2 == 0; ++level) {
    const MerkleNode& right = out.back();
    const Digest left = nodes.node(level, right.index - 1);
    out.push_back({level + 1, right.index / 2, node_hash(left, right.hash)});
  }
  return out;
}

MerkleTree::MerkleTree(const std::vector<Digest>& entry_hashes) {
  levels_.emplace_back().reserve(entry_hashes.size());
  for (const Digest& entry : entry_hashes) append(entry);
}

void MerkleTree::append(const Digest& entry_hash) {
  if (levels_.empty()) levels_.emplace_back();
  levels_[0].push_back(leaf_hash(entry_hash));
  // Each time a level gains its second, fourth, ... node, a subtree one level
  // up is complete: hash it now so no later query ever rehashes it.
  for (std::size_t k = 0; levels_[k].size() % 2 == 0; ++k) {
    if (levels_.size() == k + 1) levels_.emplace_back();
    const std::vector<Digest>& level = levels_[k];
    Digest parent = node_hash(level[level.size() - 2], level.back());
    levels_[k + 1].push_back(parent);
  }
}

const Digest& MerkleTree::leaf(std::uint64_t index) const {
  if (index >= size())
    throw std::out_of_range("leaf " + std::to_string(index) + " of a tree of " +
                            std::to_string(size()));
  return levels_[0][index];
}

bool verify_inclusion(const Digest& leaf, std::uint64_t index, std::uint64_t tree_size,
                      const std::vector<Digest>& proof, const Digest& root) {
  if (index >= tree_size) return false;
  std::uint64_t fn = index, sn = tree_size - 1;
  Digest r = leaf;
  for (const Digest& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) != 0 || fn == sn) {
      r = node_hash(p, r);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = node_hash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool verify_consistency(std::uint64_t old_size, std::uint64_t new_size, const Digest& old_root,
                        const Digest& new_root, const std::vector<Digest>& proof) {
  if (old_size > new_size) return false;
  if (old_size == new_size) return proof.empty() && old_root == new_root;
  if (old_size == 0) return proof.empty() && old_root == empty_tree_root();
  if (proof.empty()) return false;
  std::vector<Digest> path;
  path.reserve(proof.size() + 1);
  // A power-of-two old tree is itself a node of the new one; the proof
  // leaves it out and the verifier supplies it.
  if (is_power_of_two(old_size)) path.push_back(old_root);
  path.insert(path.end(), proof.begin(), proof.end());
  std::uint64_t fn = old_size - 1, sn = new_size - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  Digest fr = path[0], sr = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Digest& c = path[i];
    if (sn == 0) return false;
    if ((fn & 1) != 0 || fn == sn) {
      fr = node_hash(c, fr);
      sr = node_hash(c, sr);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = node_hash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == old_root && sr == new_root && sn == 0;
}

}  // namespace changegate
