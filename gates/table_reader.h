// Typed, strict access to one table of a parsed gate file or change record.
// Every problem becomes a changegate::Error worded as
//   changegate.toml:14: gate "security": unknown key "fail_onn" (did you mean "fail_on"?)
// so a typo can never silently switch a check off.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "gates/document.h"
#include "gates/util/timestamp.h"

namespace changegate {

class TableReader {
 public:
  // `context` prefixes every message ("gate \"security\"", "rollback"); may be "".
  TableReader(const Document& doc, const Node& table, std::string context);

  // Throws for the first key not in `allowed`, suggesting the closest one.
  void allow_only(const std::vector<std::string>& allowed) const;

  // has, find and every getter below record `key` in keys_asked().
  bool has(const std::string& key) const { return lookup(key) != nullptr; }
  const Node* find(const std::string& key) const { return lookup(key); }
  const Node& node() const { return node_; }
  const Document& document() const { return doc_; }
  const std::string& context() const { return context_; }

  // Each getter returns nullopt (or empty) when the key is absent and throws
  // when it is present with the wrong type or an unusable value.
  std::optional<std::string> string(const std::string& key) const;
  std::string required_string(const std::string& key) const;
  // A string that must be one of `choices`.
  std::optional<std::string> choice(const std::string& key,
                                    const std::vector<std::string>& choices) const;
  std::optional<std::int64_t> integer(const std::string& key, std::int64_t min = INT64_MIN,
                                      std::int64_t max = INT64_MAX) const;
  // An integer or a float.
  std::optional<double> number(const std::string& key, double min, double max) const;
  std::optional<bool> boolean(const std::string& key) const;
  std::vector<std::string> string_list(const std::string& key) const;
  // A TOML date or date-time, or a string in RFC 3339 (JSON has no dates).
  std::optional<Timestamp> time(const std::string& key) const;
  // A duration string such as "30d" or "1h30m", in seconds.
  std::optional<std::int64_t> duration(const std::string& key) const;
  // A sub-table's reader; nullopt when absent.
  std::optional<TableReader> table(const std::string& key, const std::string& context) const;
  // An array of tables (TOML [[x]] or inline); empty when absent.
  std::vector<TableReader> table_list(const std::string& key,
                                      const std::string& item_context) const;

  // "PATH:LINE: context: message", thrown as changegate::Error.
  [[noreturn]] void fail(const Node& at, const std::string& message) const;
  [[noreturn]] void fail(const std::string& key, const std::string& message) const;
  int line_of(const std::string& key) const;

  // Every key this reader was asked for, present or not (sub-tables' readers
  // keep their own): the registry test checks it against each kind's key table.
  const std::set<std::string>& keys_asked() const { return keys_asked_; }

 private:
  const Node* lookup(const std::string& key) const {
    keys_asked_.insert(key);
    return node_.find(key);
  }
  const Node& require_type(const std::string& key, Node::Type type) const;

  const Document& doc_;
  const Node& node_;
  std::string context_;
  mutable std::set<std::string> keys_asked_;
};

}  // namespace changegate
