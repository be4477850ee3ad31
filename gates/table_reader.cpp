#include "gates/table_reader.h"

#include <cmath>

#include "gates/error.h"
#include "gates/util/suggest.h"

namespace changegate {

TableReader::TableReader(const Document& doc, const Node& table, std::string context)
    : doc_(doc), node_(table), context_(std::move(context)) {}

void TableReader::fail(const Node& at, const std::string& message) const {
  std::string text = doc_.path + ":" + std::to_string(at.line) + ": ";
  if (!context_.empty()) text += context_ + ": ";
  throw Error(text + message);
}

void TableReader::fail(const std::string& key, const std::string& message) const {
  const Node* at = node_.find(key);
  fail(at ? *at : node_, message);
}

int TableReader::line_of(const std::string& key) const {
  const Node* at = node_.find(key);
  return at ? at->line : node_.line;
}

void TableReader::allow_only(const std::vector<std::string>& allowed) const {
  if (!node_.table) return;
  for (const auto& [key, value] : *node_.table) {
    bool known = false;
    for (const auto& a : allowed) known = known || a == key;
    if (!known) fail(value, "unknown key \"" + key + "\"" + did_you_mean(key, allowed));
  }
}

const Node& TableReader::require_type(const std::string& key, Node::Type type) const {
  const Node* n = lookup(key);
  if (n->type != type)
    fail(*n, "key \"" + key + "\" must be " + describe(type) + ", not " + describe(n->type));
  return *n;
}

std::optional<std::string> TableReader::string(const std::string& key) const {
  if (!has(key)) return std::nullopt;
  return require_type(key, Node::Type::string).text;
}

std::string TableReader::required_string(const std::string& key) const {
  if (!has(key)) fail(node_, "missing required key \"" + key + "\"");
  std::string value = require_type(key, Node::Type::string).text;
  if (value.empty()) fail(key, "key \"" + key + "\" must not be empty");
  return value;
}

std::optional<std::string> TableReader::choice(const std::string& key,
                                               const std::vector<std::string>& choices) const {
  auto value = string(key);
  if (!value) return value;
  for (const auto& c : choices)
    if (c == *value) return value;
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  fail(key, "key \"" + key + "\": \"" + *value + "\" is not one of " + list +
                did_you_mean(*value, choices));
}

std::optional<std::int64_t> TableReader::integer(const std::string& key, std::int64_t min,
                                                 std::int64_t max) const {
  if (!has(key)) return std::nullopt;
  const std::int64_t value = require_type(key, Node::Type::integer).integer;
  if (value < min || value > max) {
    std::string range = min == INT64_MIN   ? "at most " + std::to_string(max)
                        : max == INT64_MAX ? "at least " + std::to_string(min)
                                           : std::to_string(min) + " to " + std::to_string(max);
    fail(key, "key \"" + key + "\" must be " + range + ", not " + std::to_string(value));
  }
  return value;
}

std::optional<double> TableReader::number(const std::string& key, double min, double max) const {
  const Node* n = lookup(key);
  if (!n) return std::nullopt;
  double value;
  if (n->type == Node::Type::integer)
    value = static_cast<double>(n->integer);
  else if (n->type == Node::Type::floating)
    value = n->floating;
  else
    fail(*n, "key \"" + key + "\" must be a number, not " + describe(n->type));
  if (!std::isfinite(value) || value < min || value > max) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "must be between %g and %g, not %g", min, max, value);
    fail(*n, "key \"" + key + "\" " + buf);
  }
  return value;
}

std::optional<bool> TableReader::boolean(const std::string& key) const {
  if (!has(key)) return std::nullopt;
  return require_type(key, Node::Type::boolean).boolean;
}

std::vector<std::string> TableReader::string_list(const std::string& key) const {
  std::vector<std::string> out;
  if (!has(key)) return out;
  const Node& n = require_type(key, Node::Type::array);
  for (const auto& item : *n.array) {
    if (item.type != Node::Type::string)
      fail(item, "key \"" + key + "\" must be an array of strings; found " + describe(item.type));
    out.push_back(item.text);
  }
  return out;
}

std::optional<Timestamp> TableReader::time(const std::string& key) const {
  const Node* n = lookup(key);
  if (!n) return std::nullopt;
  if (n->type != Node::Type::date && n->type != Node::Type::datetime &&
      n->type != Node::Type::string)
    fail(*n, "key \"" + key + "\" must be a date or date-time, not " + describe(n->type));
  auto t = parse_timestamp(n->text);
  if (!t)
    fail(*n, "key \"" + key + "\": \"" + n->text +
                 "\" is not a date (2026-12-01) or RFC 3339 date-time (2026-11-21T10:00:00Z)");
  return t;
}

std::optional<std::int64_t> TableReader::duration(const std::string& key) const {
  auto text = string(key);
  if (!text) return std::nullopt;
  auto seconds = parse_duration_seconds(*text);
  if (!seconds || *seconds <= 0)
    fail(key, "key \"" + key + "\": \"" + *text +
                  "\" is not a duration (use s, m, h, d or w, as in \"30d\" or \"1h30m\")");
  return seconds;
}

std::optional<TableReader> TableReader::table(const std::string& key,
                                              const std::string& context) const {
  if (!has(key)) return std::nullopt;
  return TableReader(doc_, require_type(key, Node::Type::table), context);
}

std::vector<TableReader> TableReader::table_list(const std::string& key,
                                                 const std::string& item_context) const {
  std::vector<TableReader> out;
  if (!has(key)) return out;
  const Node& n = require_type(key, Node::Type::array);
  for (std::size_t i = 0; i < n.array->size(); ++i) {
    const Node& item = (*n.array)[i];
    if (item.type != Node::Type::table)
      fail(item, "key \"" + key + "\" must be an array of tables; item " + std::to_string(i + 1) +
                     " is " + describe(item.type));
    out.emplace_back(doc_, item,
                     item_context.empty() ? key + "[" + std::to_string(i + 1) + "]" : item_context);
  }
  return out;
}

}  // namespace changegate
