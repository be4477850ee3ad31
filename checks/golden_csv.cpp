// The CSV half of the golden gate: one streaming pass, memory bounded by the
// groups and the distinct keys (kept as 64-bit hashes), never by the rows.
#include <cstring>
#include <functional>
#include <unordered_map>

#include "checks/csv_reader.h"
#include "checks/golden_source.h"
#include "gates/suggest.h"

namespace changegate::golden {

namespace {

// An open-addressing set of 64-bit hashes (0 marks an empty slot). Distinct
// values are counted by hash: two different values collide with probability
// about n^2 / 2^65 (under 3e-6 for ten million keys), and a collision can
// only lower count_distinct, i.e. raise duplicates — never hide one.
class HashSet {
 public:
  std::size_t size() const { return size_; }
  void insert(std::uint64_t h) {
    if (h == 0) h = 1;
    if ((size_ + 1) * 2 > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = mix(h) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == h) return;
      if (slots_[i] == 0) {
        slots_[i] = h;
        ++size_;
        return;
      }
    }
  }

 private:
  static std::uint64_t mix(std::uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    return h ^ (h >> 33);
  }
  void grow() {
    std::vector<std::uint64_t> old(slots_.empty() ? 16 : slots_.size() * 2, 0);
    old.swap(slots_);
    size_ = 0;
    for (std::uint64_t h : old)
      if (h) insert(h);
  }

  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0;
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
  GroupKey key;
  std::vector<RawStats> stats;
  std::vector<HashSet> distinct;
};

class Aggregator : public csv::Sink {
 public:
  Aggregator(const Source& source, const std::string& path, const Request& request)
      : source_(source), path_(path), request_(request) {
    for (const auto& a : request.aggregates) needs_.push_back(needs_of(a.fn));
  }

  bool on_header(const std::vector<std::string>& names, std::string* err) override {
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
      if (found == names.size()) {
        *err =
            path_ + ":1: no column \"" + column + "\" in the header" + did_you_mean(column, names);
        return false;
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
    for (std::size_t c : group_columns_) {
      const std::string_view v = fields[c];
      if (is_null(v)) {
        key_.push_back('\0');
        continue;
      }
      const std::uint32_t n = static_cast<std::uint32_t>(v.size());
      key_.push_back('\1');
      key_.append(reinterpret_cast<const char*>(&n), sizeof n);
      key_.append(v.data(), v.size());
    }
    auto it = index_.find(key_);
    if (it == index_.end()) {
      Group g;
      for (std::size_t c : group_columns_) {
        const std::string_view v = fields[c];
        g.key.push_back(is_null(v) ? std::nullopt : std::optional<std::string>(std::string(v)));
      }
      g.stats.resize(needs_.size());
      g.distinct.resize(needs_.size());
      it = index_.emplace(key_, groups_.size()).first;
      groups_.push_back(std::move(g));
    }
    Group& g = groups_[it->second];
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
        if (!parse_decimal(v, &d)) {
          *err = path_ + ":" + std::to_string(line) + ":" + std::to_string(c + 1) + ": column \"" +
                 header_[c] + "\": not a number: \"" + std::string(v.substr(0, 40)) +
                 (v.size() > 40 ? "...\"" : "\"") + " (" + to_string(request_.aggregates[a].fn) +
                 " needs numbers; list it in null_values if it means NULL)";
          return false;
        }
        if (n.sum) s.sum.add(d);
        if (n.min && (!s.min || d.value < *s.min)) s.min = d.value;
        if (n.max && (!s.max || d.value > *s.max)) s.max = d.value;
      }
    }
    return true;
  }

  void finish(AggregateTable* out) {
    // Without group_by there is exactly one group, even over no rows (as SQL).
    if (request_.group_by.empty() && groups_.empty()) {
      Group g;
      g.stats.resize(needs_.size());
      g.distinct.resize(needs_.size());
      groups_.push_back(std::move(g));
    }
    for (auto& g : groups_) {
      std::vector<Value> values;
      for (std::size_t a = 0; a < needs_.size(); ++a) {
        g.stats[a].distinct = static_cast<std::int64_t>(g.distinct[a].size());
        values.push_back(finalize(request_.aggregates[a].fn, g.stats[a]));
      }
      out->groups.emplace(std::move(g.key), std::move(values));
    }
  }

 private:
  bool is_null(std::string_view v) const {
    for (const auto& n : source_.null_values)
      if (v == n) return true;
    return false;
  }

  const Source& source_;
  std::string path_;
  const Request& request_;
  std::vector<Needs> needs_;
  std::vector<std::string> header_;
  std::vector<std::size_t> group_columns_, agg_columns_;
  std::string key_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<Group> groups_;
};

}  // namespace

bool compute_csv(const Source& source, const std::string& path, const Request& request,
                 AggregateTable* out, Evidence* evidence, std::string* err) {
  Aggregator aggregator(source, path, request);
  csv::Summary summary;
  if (!csv::read_file(path, source.delimiter, aggregator, &summary, err)) return false;
  aggregator.finish(out);
  evidence->sha256 = summary.sha256;
  evidence->bytes = summary.bytes;
  return true;
}

}  // namespace changegate::golden
