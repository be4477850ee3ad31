// A parsed TOML or JSON input with the line of every value, so loaders can
// say "change.toml:12: rollback.max_minutes: ..." for either syntax.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace changegate {

struct Node;
using NodeArray = std::vector<Node>;
using NodeTable = std::vector<std::pair<std::string, Node>>;  // keys in file order

struct Node {
  enum class Type { boolean, integer, floating, string, date, datetime, array, table };

  Type type = Type::table;
  bool boolean = false;
  std::int64_t integer = 0;
  double floating = 0;
  // string value; for date/datetime the RFC 3339 text ("2026-12-01",
  // "2026-11-21T10:00:00Z", or without offset for a TOML local date-time).
  std::string text;
  std::shared_ptr<NodeArray> array;
  std::shared_ptr<NodeTable> table;
  int line = 0;

  // Looks a key up in a table node; nullptr when absent or not a table.
  const Node* find(const std::string& key) const;
};

// A type name for messages: "a string", "an integer", "a table", ...
const char* describe(Node::Type type);

struct Document {
  std::string path;  // as the user named it, for messages
  Node root;
};

// Parses a TOML file. Throws changegate::Error "PATH:LINE: TOML syntax error: ..."
// when the file cannot be read or parsed.
Document load_toml_file(const std::string& path);
// Parses a JSON file (a UTF-8 BOM is accepted). Throws changegate::Error
// "PATH:LINE: JSON syntax error: ..." likewise.
Document load_json_file(const std::string& path);
// The same over text in memory (tests, fuzzing).
Document parse_toml(const std::string& text, const std::string& path);
Document parse_json(const std::string& text, const std::string& path);

}  // namespace changegate
