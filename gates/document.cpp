#include "gates/document.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <toml.hpp>

#include "gates/error.h"
#include "gates/util/file.h"

namespace changegate {

const Node* Node::find(const std::string& key) const {
  if (type != Type::table || !table) return nullptr;
  for (const auto& [name, value] : *table)
    if (name == key) return &value;
  return nullptr;
}

const char* describe(Node::Type type) {
  switch (type) {
    case Node::Type::boolean: return "a boolean";
    case Node::Type::integer: return "an integer";
    case Node::Type::floating: return "a number";
    case Node::Type::string: return "a string";
    case Node::Type::date: return "a date";
    case Node::Type::datetime: return "a date-time";
    case Node::Type::array: return "an array";
    case Node::Type::table: return "a table";
  }
  return "a value";
}

namespace {

// Nothing we read nests deeper than a few levels; refusing deep nesting up
// front keeps toml11's recursive descent (and our recursive conversion) far
// from the end of the stack on hostile input.
constexpr int k_max_depth = 64;

std::string read_whole(const std::string& path) {
  std::string text, err;
  if (!read_file(path, &text, &err)) throw Error(path + ": cannot read file");
  return text;
}

std::string two(int n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

std::string format_date(const toml::local_date& d) {
  return std::to_string(d.year) + "-" + two(d.month + 1) + "-" + two(d.day);
}

std::string format_time(const toml::local_time& t) {
  std::string s = two(t.hour) + ":" + two(t.minute) + ":" + two(t.second);
  if (t.millisecond || t.microsecond || t.nanosecond) {
    char buf[32];
    std::snprintf(buf, sizeof buf, ".%03d%03d%03d", t.millisecond, t.microsecond, t.nanosecond);
    std::string frac = buf;
    while (frac.back() == '0') frac.pop_back();
    s += frac;
  }
  return s;
}

Node from_toml(const toml::value& v) {
  Node node;
  node.line = static_cast<int>(v.location().line());
  switch (v.type()) {
    case toml::value_t::boolean:
      node.type = Node::Type::boolean;
      node.boolean = v.as_boolean();
      break;
    case toml::value_t::integer:
      node.type = Node::Type::integer;
      node.integer = v.as_integer();
      break;
    case toml::value_t::floating:
      node.type = Node::Type::floating;
      node.floating = v.as_floating();
      break;
    case toml::value_t::string:
      node.type = Node::Type::string;
      node.text = v.as_string().str;
      break;
    case toml::value_t::local_date:
      node.type = Node::Type::date;
      node.text = format_date(v.as_local_date());
      break;
    case toml::value_t::local_datetime: {
      const auto& dt = v.as_local_datetime();
      node.type = Node::Type::datetime;
      node.text = format_date(dt.date) + "T" + format_time(dt.time);
      break;
    }
    case toml::value_t::offset_datetime: {
      const auto& dt = v.as_offset_datetime();
      node.type = Node::Type::datetime;
      node.text = format_date(dt.date) + "T" + format_time(dt.time);
      const int minutes = dt.offset.hour * 60 + dt.offset.minute;
      if (minutes == 0) {
        node.text += "Z";
      } else {
        node.text += minutes < 0 ? "-" : "+";
        node.text += two(std::abs(dt.offset.hour)) + ":" + two(std::abs(dt.offset.minute));
      }
      break;
    }
    case toml::value_t::local_time:
      node.type = Node::Type::string;  // no key of ours takes a bare time of day
      node.text = format_time(v.as_local_time());
      break;
    case toml::value_t::array: {
      node.type = Node::Type::array;
      node.array = std::make_shared<NodeArray>();
      for (const auto& item : v.as_array()) node.array->push_back(from_toml(item));
      break;
    }
    case toml::value_t::table:
    case toml::value_t::empty: {
      node.type = Node::Type::table;
      node.table = std::make_shared<NodeTable>();
      // toml11 keeps tables in an unordered_map; file order matters to us
      // (first matching component wins), so restore it from the locations.
      std::vector<std::pair<std::string, const toml::value*>> entries;
      if (v.is_table())
        for (const auto& [key, item] : v.as_table()) entries.emplace_back(key, &item);
      std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        const auto la = a.second->location(), lb = b.second->location();
        if (la.line() != lb.line()) return la.line() < lb.line();
        if (la.column() != lb.column()) return la.column() < lb.column();
        return a.first < b.first;
      });
      for (const auto& [key, item] : entries) node.table->emplace_back(key, from_toml(*item));
      break;
    }
  }
  return node;
}

// toml11's messages are multi-line with source excerpts; keep the first line
// without the "[error] toml::parse_xxx: " prefix.
std::string first_line_of_toml_error(const std::string& what) {
  std::string line = what.substr(0, what.find('\n'));
  const std::string prefix = "[error] ";
  if (line.rfind(prefix, 0) == 0) line = line.substr(prefix.size());
  if (line.rfind("toml::", 0) == 0) {
    const auto colon = line.find(": ");
    if (colon != std::string::npos) line = line.substr(colon + 2);
  }
  return line;
}

// Counts lines as nlohmann's lexer consumes input, remembering the line of
// the last non-blank character so a value is placed on its own line even
// when the lexer has peeked at the newline after it.
class LineCountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  LineCountingIterator(const char* p, int* line, int* token_line)
      : p_(p), line_(line), token_line_(token_line) {}
  reference operator*() const { return *p_; }
  LineCountingIterator& operator++() {
    if (*p_ == '\n') {
      ++*line_;
    } else if (*p_ != ' ' && *p_ != '\t' && *p_ != '\r') {
      *token_line_ = *line_;
    }
    ++p_;
    return *this;
  }
  bool operator==(const LineCountingIterator& o) const { return p_ == o.p_; }
  bool operator!=(const LineCountingIterator& o) const { return p_ != o.p_; }

 private:
  const char* p_;
  int* line_;
  int* token_line_;
};

class NodeBuilder : public nlohmann::json_sax<nlohmann::json> {
 public:
  NodeBuilder(const std::string& path, const int* token_line)
      : path_(path), token_line_(token_line) {}

  bool null() override {
    throw Error(path_ + ":" + std::to_string(*token_line_) +
                ": null is not allowed here; leave the key out instead");
  }
  bool boolean(bool value) override {
    Node n = leaf(Node::Type::boolean);
    n.boolean = value;
    return add(std::move(n));
  }
  bool number_integer(number_integer_t value) override {
    Node n = leaf(Node::Type::integer);
    n.integer = value;
    return add(std::move(n));
  }
  bool number_unsigned(number_unsigned_t value) override {
    if (value > static_cast<number_unsigned_t>(INT64_MAX))
      throw Error(path_ + ":" + std::to_string(*token_line_) + ": integer " +
                  std::to_string(value) + " is too large");
    Node n = leaf(Node::Type::integer);
    n.integer = static_cast<std::int64_t>(value);
    return add(std::move(n));
  }
  bool number_float(number_float_t value, const string_t&) override {
    Node n = leaf(Node::Type::floating);
    n.floating = value;
    return add(std::move(n));
  }
  bool string(string_t& value) override {
    Node n = leaf(Node::Type::string);
    n.text = value;
    return add(std::move(n));
  }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override {
    Node n = leaf(Node::Type::table);
    n.table = std::make_shared<NodeTable>();
    return push(std::move(n));
  }
  bool key(string_t& value) override {
    for (const auto& [k, unused] : *stack_.back().table)
      if (k == value)
        throw Error(path_ + ":" + std::to_string(*token_line_) + ": duplicate key \"" + value +
                    "\"");
    pending_key_ = value;
    return true;
  }
  bool end_object() override { return pop(); }
  bool start_array(std::size_t) override {
    Node n = leaf(Node::Type::array);
    n.array = std::make_shared<NodeArray>();
    return push(std::move(n));
  }
  bool end_array() override { return pop(); }
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    std::string message = ex.what();
    // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error ..."
    const auto colon = message.find(": ");
    if (colon != std::string::npos) message = message.substr(colon + 2);
    throw Error(path_ + ":" + std::to_string(*token_line_) + ": JSON syntax error: " + message);
  }

  Node take_root() { return std::move(root_); }

 private:
  Node leaf(Node::Type type) const {
    Node n;
    n.type = type;
    n.line = *token_line_;
    return n;
  }
  bool add(Node n) {
    if (stack_.empty()) {
      root_ = std::move(n);
    } else if (stack_.back().type == Node::Type::array) {
      stack_.back().array->push_back(std::move(n));
    } else {
      stack_.back().table->emplace_back(pending_key_, std::move(n));
    }
    return true;
  }
  bool push(Node n) {
    // The key this container will be stored under, before its own keys overwrite pending_key_.
    container_keys_.push_back(pending_key_);
    if (stack_.size() >= static_cast<std::size_t>(k_max_depth))
      throw Error(path_ + ":" + std::to_string(*token_line_) + ": values nested deeper than " +
                  std::to_string(k_max_depth) + " levels");
    stack_.push_back(std::move(n));
    return true;
  }
  bool pop() {
    Node n = std::move(stack_.back());
    stack_.pop_back();
    pending_key_ = container_keys_.back();
    container_keys_.pop_back();
    return add(std::move(n));
  }

  std::string path_;
  const int* token_line_;
  std::vector<Node> stack_;
  std::string pending_key_;
  std::vector<std::string> container_keys_;
  Node root_;
};

// The deepest bracket nesting outside strings and comments, and its line.
std::pair<int, int> toml_nesting(const std::string& text) {
  int depth = 0, deepest = 0, line = 1, deepest_line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
    } else if (c == '#') {
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
    } else if (c == '"' || c == '\'') {
      const bool multi = text.compare(i, 3, std::string(3, c)) == 0;
      const std::string close = multi ? std::string(3, c) : std::string(1, c);
      i += close.size();
      while (i < text.size() && text.compare(i, close.size(), close) != 0) {
        if (text[i] == '\n') ++line;
        if (c == '"' && text[i] == '\\') ++i;
        ++i;
      }
      i += close.size() - 1;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) {
        deepest = depth;
        deepest_line = line;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return {deepest, deepest_line};
}

// The byte offset of the first invalid UTF-8 sequence, or npos. TOML files
// must be UTF-8, and checking here also keeps toml11 3.7 away from its
// out-of-bounds read on invalid UTF-8 inside multi-line strings (its issue #199).
std::size_t invalid_utf8_at(const std::string& text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // bounds of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // no overlong forms
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;  // nothing past U+10FFFF
    } else {
      return i;
    }
    if (i + len > n || s[i + 1] < lo || s[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    i += len;
  }
  return std::string::npos;
}

}  // namespace

Document parse_toml(const std::string& text, const std::string& path) {
  if (const std::size_t bad = invalid_utf8_at(text); bad != std::string::npos)
    throw Error(path + ":" +
                std::to_string(1 + std::count(text.begin(), text.begin() + bad, '\n')) +
                ": not valid UTF-8 (byte " + std::to_string(bad + 1) + ")");
  const auto [depth, depth_line] = toml_nesting(text);
  if (depth > k_max_depth)
    throw Error(path + ":" + std::to_string(depth_line) + ": values nested deeper than " +
                std::to_string(k_max_depth) + " levels");
  std::istringstream in(text);
  try {
    const toml::value root = toml::parse(in, path);
    Document doc{path, from_toml(root)};
    doc.root.line = 1;  // messages about the whole file point at its start
    return doc;
  } catch (const toml::syntax_error& e) {
    throw Error(path + ":" + std::to_string(e.location().line()) +
                ": TOML syntax error: " + first_line_of_toml_error(e.what()));
  } catch (const toml::exception& e) {
    throw Error(path + ":" + std::to_string(e.location().line()) + ": " +
                first_line_of_toml_error(e.what()));
  }
}

Document parse_json(const std::string& text, const std::string& path) {
  std::size_t start = 0;
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) start = 3;
  int line = 1, token_line = 1;
  LineCountingIterator first(text.data() + start, &line, &token_line);
  LineCountingIterator last(text.data() + text.size(), &line, &token_line);
  NodeBuilder builder(path, &token_line);
  nlohmann::json::sax_parse(first, last, &builder);
  Document doc{path, builder.take_root()};
  if (doc.root.type != Node::Type::table)
    throw Error(path + ":1: expected a JSON object at the top level");
  return doc;
}

Document load_toml_file(const std::string& path) {
  return parse_toml(read_whole(path), path);
}
Document load_json_file(const std::string& path) {
  return parse_json(read_whole(path), path);
}

}  // namespace changegate
