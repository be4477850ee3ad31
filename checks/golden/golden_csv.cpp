// The CSV half of the golden gate: streaming, memory bounded by the groups
// and the distinct keys (kept as 64-bit hashes), never by the rows. Large
// files are parsed by two threads, one per half; see compute_csv().
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <thread>

#include "checks/golden/csv_reader.h"
#include "checks/golden/golden_source.h"
#include "gates/util/sha256.h"

namespace changegate::golden {

namespace {

// Below this size one thread is as fast as two.
constexpr std::uint64_t k_parallel_min_bytes = 8u << 20;

std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  return h ^ (h >> 33);
}

// The distinct values of one column in one group, as 64-bit hashes. New
// hashes are appended (a sequential write, no cache miss per row, unlike a
// hash set spread over hundreds of MB) and the buffer is compacted — sorted,
// merged with the sorted prefix, deduplicated — whenever it doubles, so
// memory stays within a small multiple of the distinct values. Two values
// collide with probability about n^2 / 2^65 (under 3e-6 for ten million
// keys); a collision can only lower count_distinct, i.e. raise duplicates —
// never hide one.
class DistinctSet {
 public:
  void insert(std::uint64_t h) {
    hashes_.push_back(h);
    if (hashes_.size() >= limit_) compact();
  }
  void merge(DistinctSet& other) {
    hashes_.insert(hashes_.end(), other.hashes_.begin(), other.hashes_.end());
    other.hashes_ = {};
    compact();
  }
  std::size_t size() {
    compact();
    return hashes_.size();
  }

 private:
  void compact() {
    if (hashes_.size() == sorted_) return;
    const auto middle = hashes_.begin() + static_cast<std::ptrdiff_t>(sorted_);
    std::sort(middle, hashes_.end());
    std::inplace_merge(hashes_.begin(), middle, hashes_.end());
    hashes_.erase(std::unique(hashes_.begin(), hashes_.end()), hashes_.end());
    sorted_ = hashes_.size();
    limit_ = std::max<std::size_t>(2 * sorted_, 1024);
  }

  std::vector<std::uint64_t> hashes_;
  std::size_t sorted_ = 0;  // hashes_[0, sorted_) is sorted and unique
  std::size_t limit_ = 1024;
};

struct Needs {
  bool distinct = false, sum = false, min = false, max = false;
};

Needs needs_of(Fn fn) {
  Needs n;
  n.distinct = fn == Fn::count_distinct || fn == Fn::duplicates;
  n.sum = fn == Fn::sum || fn == Fn::mean;
  n.min = fn == Fn::min;
  n.max = fn == Fn::max;
  return n;
}

struct Group {
  std::string encoded;  // the group values, length-prefixed (see encode_key)
  std::uint64_t hash = 0;
  GroupKey key;
  std::vector<RawStats> stats;
  std::vector<DistinctSet> distinct;
};

class Aggregator : public csv::Sink {
 public:
  Aggregator(const Source& source, const std::string& path, const Request& request)
      : source_(source), path_(path), request_(request) {
    for (const auto& a : request.aggregates) needs_.push_back(needs_of(a.fn));
    for (const auto& n : source.null_values) max_null_size_ = std::max(max_null_size_, n.size());
  }

  bool on_header(const std::vector<std::string>& names, std::string* err) override {
    if (auto missing = find_missing_column(request_, names)) {
      *err = describe_missing(*missing, path_);
      missing_ = std::move(missing);
      return false;
    }
    auto index_of = [&](const std::string& column, std::size_t* out) {
      std::size_t found = names.size();
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] != column) continue;
        if (found != names.size()) {
          *err = path_ + ":1:" + std::to_string(i + 1) + ": column \"" + column +
                 "\" appears twice in the header";
          return false;
        }
        found = i;
      }
      *out = found;
      return true;
    };
    for (const auto& g : request_.group_by) {
      std::size_t i;
      if (!index_of(g, &i)) return false;
      group_columns_.push_back(i);
    }
    for (const auto& a : request_.aggregates) {
      std::size_t i = 0;
      if (a.fn != Fn::count && !index_of(a.column, &i)) return false;
      agg_columns_.push_back(a.fn == Fn::count ? SIZE_MAX : i);
    }
    header_ = names;
    return true;
  }

  bool on_row(const std::vector<std::string_view>& fields, std::int64_t line,
              std::string* err) override {
    key_.clear();
    for (std::size_t c : group_columns_) encode_key(fields[c], &key_);
    Group& g = find_or_add(key_, [&](Group& added) {
      for (std::size_t c : group_columns_) {
        const std::string_view v = fields[c];
        added.key.push_back(is_null(v) ? std::nullopt : std::optional<std::string>(std::string(v)));
      }
    });
    for (std::size_t a = 0; a < needs_.size(); ++a) {
      RawStats& s = g.stats[a];
      ++s.rows;
      const std::size_t c = agg_columns_[a];
      if (c == SIZE_MAX) continue;
      const std::string_view v = fields[c];
      if (is_null(v)) continue;
      ++s.non_null;
      const Needs& n = needs_[a];
      if (n.distinct) g.distinct[a].insert(std::hash<std::string_view>{}(v));
      if (n.sum || n.min || n.max) {
        Decimal d;
        auto bad = [&](const std::string& what, const std::string& hint) {
          *err = path_ + ":" + std::to_string(line) + ":" + std::to_string(c + 1) + ": column \"" +
                 header_[c] + "\": " + what + ": \"" + std::string(v.substr(0, 40)) +
                 (v.size() > 40 ? "...\"" : "\"") + " (" + to_string(request_.aggregates[a].fn) +
                 hint + ")";
          return false;
        };
        if (!parse_decimal(v, &d))
          return bad("not a number", " needs numbers; list it in null_values if it means NULL");
        // "1e400" is a finite long double but an infinite double: unjudgeable.
        if (!d.exact && !std::isfinite(static_cast<double>(d.value)))
          return bad("number out of range", " needs numbers a double can hold");
        if (n.sum) s.sum.add(d);
        if (n.min || n.max) {
          const long double value = decimal_value(d);
          if (n.min && (!s.min || value < *s.min)) s.min = value;
          if (n.max && (!s.max || value > *s.max)) s.max = value;
        }
      }
    }
    return true;
  }

  // Adds another aggregator's groups (the other half of the file) to this one.
  void merge(Aggregator& other) {
    for (auto& o : other.groups_) {
      Group& g = find_or_add(o.encoded, [&](Group& added) { added.key = o.key; });
      for (std::size_t a = 0; a < needs_.size(); ++a) {
        RawStats& s = g.stats[a];
        const RawStats& t = o.stats[a];
        s.rows += t.rows;
        s.non_null += t.non_null;
        s.sum.merge(t.sum);
        if (t.min && (!s.min || *t.min < *s.min)) s.min = t.min;
        if (t.max && (!s.max || *t.max > *s.max)) s.max = t.max;
        g.distinct[a].merge(o.distinct[a]);
      }
    }
  }

  const std::optional<MissingColumn>& missing() const { return missing_; }

  void finish(AggregateTable* out) {
    // Without group_by there is exactly one group, even over no rows (as SQL).
    if (request_.group_by.empty() && groups_.empty()) find_or_add("", [](Group&) {});
    for (auto& g : groups_) {
      std::vector<Value> values;
      for (std::size_t a = 0; a < needs_.size(); ++a) {
        g.stats[a].distinct = static_cast<std::int64_t>(g.distinct[a].size());
        values.push_back(finalize(request_.aggregates[a].fn, g.stats[a]));
      }
      if (!g.stats.empty()) out->rows += g.stats[0].rows;
      out->groups.emplace(std::move(g.key), std::move(values));
    }
  }

 private:
  bool is_null(std::string_view v) const {
    if (v.size() > max_null_size_) return false;
    for (const auto& n : source_.null_values)
      if (v == n) return true;
    return false;
  }

  // NULL is one 0 byte; a value is 1, its length (4 bytes) and its bytes, so
  // no two different group tuples encode alike.
  void encode_key(std::string_view v, std::string* key) const {
    if (is_null(v)) {
      key->push_back('\0');
      return;
    }
    const std::uint32_t n = static_cast<std::uint32_t>(v.size());
    key->push_back('\1');
    key->append(reinterpret_cast<const char*>(&n), sizeof n);
    key->append(v.data(), v.size());
  }

  // The group with this encoded key, created (and `init`ed) when new. An
  // open-addressing index over groups_: the per-row hot path.
  template <class Init>
  Group& find_or_add(std::string_view encoded, Init init) {
    const std::uint64_t h = std::hash<std::string_view>{}(encoded);
    if ((groups_.size() + 1) * 2 > slots_.size()) rehash();
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = mix(h) & mask;
    for (;; i = (i + 1) & mask) {
      const std::uint32_t slot = slots_[i];
      if (slot == 0) break;
      Group& g = groups_[slot - 1];
      if (g.hash == h && g.encoded == encoded) return g;
    }
    Group g;
    g.encoded = std::string(encoded);
    g.hash = h;
    g.stats.resize(needs_.size());
    g.distinct.resize(needs_.size());
    init(g);
    groups_.push_back(std::move(g));
    slots_[i] = static_cast<std::uint32_t>(groups_.size());
    return groups_.back();
  }

  void rehash() {
    slots_.assign(slots_.empty() ? 64 : slots_.size() * 2, 0);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t n = 0; n < groups_.size(); ++n) {
      std::size_t i = mix(groups_[n].hash) & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = static_cast<std::uint32_t>(n + 1);
    }
  }

  const Source& source_;
  std::string path_;
  const Request& request_;
  std::vector<Needs> needs_;
  std::size_t max_null_size_ = 0;
  std::vector<std::string> header_;
  std::optional<MissingColumn> missing_;
  std::vector<std::size_t> group_columns_, agg_columns_;
  std::string key_;
  std::vector<std::uint32_t> slots_;  // index into groups_ + 1; 0 = empty
  std::vector<Group> groups_;
};

bool compute_sequential(const Source& source, const std::string& path, const Request& request,
                        AggregateTable* out, Evidence* evidence, std::string* err) {
  Aggregator aggregator(source, path, request);
  csv::Summary summary;
  if (!csv::read_file(path, source.delimiter, aggregator, &summary, err)) {
    out->missing_column = aggregator.missing();
    return false;
  }
  aggregator.finish(out);
  evidence->sha256 = summary.sha256;
  evidence->bytes = summary.bytes;
  return true;
}

// The first byte after the first newline at or after `from`; 0 when none.
std::uint64_t next_line_start(const std::string& path, std::uint64_t from) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return 0;
  std::uint64_t result = 0;
  if (std::fseek(f, static_cast<long>(from), SEEK_SET) == 0) {
    char buf[1 << 16];
    std::uint64_t at = from;
    std::size_t n;
    while (result == 0 && (n = std::fread(buf, 1, sizeof buf, f)) > 0) {
      if (const void* nl = std::memchr(buf, '\n', n))
        result = at + static_cast<std::uint64_t>(static_cast<const char*>(nl) - buf) + 1;
      at += n;
    }
  }
  std::fclose(f);
  return result;
}

bool sha256_file(const std::string& path, std::string* hex, std::uint64_t* bytes) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  Sha256 hash;
  std::vector<char> buf(1 << 20);
  std::size_t n;
  *bytes = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
    hash.update(buf.data(), n);
    *bytes += n;
  }
  const bool ok = !std::ferror(f);
  std::fclose(f);
  *hex = hash.hex_digest();
  return ok;
}

}  // namespace

// Files over k_parallel_min_bytes are parsed as two byte ranges split at a
// newline, one per thread, while a third digests the file. A newline inside
// a quoted field may be the split point: then the first half's parser ends
// inside quotes and the result is thrown away for a sequential parse. Any
// error is likewise reported by a sequential parse, so messages carry true
// line numbers. The halves merge exactly: counts add, sums are exact,
// distinct-key hash lists unite.
bool compute_csv(const Source& source, const std::string& path, const Request& request,
                 AggregateTable* out, Evidence* evidence, std::string* err) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
      static_cast<std::uint64_t>(st.st_size) < k_parallel_min_bytes ||
      std::thread::hardware_concurrency() < 2)
    return compute_sequential(source, path, request, out, evidence, err);
  const std::uint64_t size = static_cast<std::uint64_t>(st.st_size);

  std::vector<std::string> names;
  std::uint64_t data_begin = 0;
  if (!csv::read_header(path, source.delimiter, &names, &data_begin, err))
    return compute_sequential(source, path, request, out, evidence, err);
  const std::uint64_t split = next_line_start(path, data_begin + (size - data_begin) / 2);
  Aggregator first(source, path, request), second(source, path, request);
  if (split == 0 || split >= size || !first.on_header(names, err) || !second.on_header(names, err))
    return compute_sequential(source, path, request, out, evidence, err);

  std::string digest;
  std::uint64_t bytes = 0;
  bool digest_ok = false, second_ok = false, second_quotes = false;
  std::string second_err;
  std::thread hasher([&] { digest_ok = sha256_file(path, &digest, &bytes); });
  std::thread worker([&] {
    csv::Summary summary;
    second_ok = csv::read_range(path, source.delimiter, names.size(), split, size, second, &summary,
                                &second_quotes, &second_err);
  });
  csv::Summary summary;
  bool first_quotes = false;
  std::string first_err;
  const bool first_ok = csv::read_range(path, source.delimiter, names.size(), data_begin, split,
                                        first, &summary, &first_quotes, &first_err);
  worker.join();
  hasher.join();
  if (!first_ok || first_quotes || !second_ok || !digest_ok || bytes != size)
    return compute_sequential(source, path, request, out, evidence, err);
  first.merge(second);
  first.finish(out);
  evidence->sha256 = digest;
  evidence->bytes = bytes;
  return true;
}

}  // namespace changegate::golden
