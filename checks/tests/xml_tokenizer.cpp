// The tokenizer re-reads an incomplete token from its '<' once more bytes
// arrive, so every token is parsed whole from one contiguous buffer; only text
// and CDATA, which can be megabytes, are consumed in pieces. Error messages are
// expat's (XML_ErrorString) so both paths report alike.
#include "checks/tests/xml_tokenizer.h"

#include <expat.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <unordered_map>

namespace changegate::xml {
namespace {

constexpr const char* k_invalid_token = "not well-formed (invalid token)";
constexpr char k_newline[] = "\n";  // what a "\r\n" or lone "\r" in text reads as

// Byte classes. In text and CDATA everything but these is copied as is.
enum : std::uint8_t { t_plain, t_lt, t_amp, t_rsqb, t_cr, t_bad, t_utf8 };
// In attribute values.
enum : std::uint8_t { a_plain, a_quote, a_lt, a_amp, a_space, a_bad, a_utf8 };
// In names: not a name byte, a start byte, a later byte, non-ASCII (checked by expat).
enum : std::uint8_t { n_no, n_start, n_char, n_utf8 };

struct Tables {
  std::uint8_t text[256] = {};
  std::uint8_t attr[256] = {};
  std::uint8_t name[256] = {};
};

constexpr bool is_control(int c) {
  return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

constexpr Tables make_tables() {
  Tables t;
  for (int c = 0; c < 256; ++c) {
    t.text[c] = c >= 0x80       ? t_utf8
                : is_control(c) ? t_bad
                : c == '<'      ? t_lt
                : c == '&'      ? t_amp
                : c == ']'      ? t_rsqb
                : c == '\r'     ? t_cr
                                : t_plain;
    t.attr[c] = c >= 0x80                             ? a_utf8
                : is_control(c)                       ? a_bad
                : c == '<'                            ? a_lt
                : c == '&'                            ? a_amp
                : c == '"' || c == '\''               ? a_quote
                : c == '\t' || c == '\n' || c == '\r' ? a_space
                                                      : a_plain;
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    const bool later = (c >= '0' && c <= '9') || c == '-' || c == '.';
    t.name[c] = c >= 0x80 ? n_utf8 : letter ? n_start : later ? n_char : n_no;
  }
  return t;
}

constexpr Tables k_tables = make_tables();

const std::uint8_t* bytes(const char* p) {
  return reinterpret_cast<const std::uint8_t*>(p);
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const char* skip_space(const char* p, const char* end) {
  while (p < end && is_space(*p)) ++p;
  return p;
}

// Length of the UTF-8 sequence at p when it is a character XML allows (2 to
// 4), 0 when it is not, -1 when it may be one but `end` cuts it off.
int utf8_sequence(const char* p, const char* end) {
  const std::uint8_t* s = bytes(p);
  const unsigned c = s[0];
  int n;
  unsigned lo = 0x80, hi = 0xBF;
  if (c < 0xC2) return 0;
  if (c < 0xE0) {
    n = 2;
  } else if (c < 0xF0) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c < 0xF5) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;  // nothing past U+10FFFF
  } else {
    return 0;
  }
  for (int i = 1; i < n; ++i) {
    if (p + i >= end) return -1;
    const unsigned b = s[i];
    if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return 0;
  }
  if (c == 0xEF && s[1] == 0xBF && s[2] >= 0xBE) return 0;  // U+FFFE and U+FFFF
  return n;
}

bool valid_char_number(std::uint32_t v) {
  if (v >= 0x110000) return false;
  if (v >= 0xD800 && v <= 0xDFFF) return false;
  if (v == 0xFFFE || v == 0xFFFF) return false;
  return !is_control(static_cast<int>(v));
}

void append_utf8(std::uint32_t v, std::string* out) {
  if (v < 0x80) {
    out->push_back(static_cast<char>(v));
  } else if (v < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (v >> 6)));
    out->push_back(static_cast<char>(0x80 | (v & 0x3F)));
  } else if (v < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (v >> 12)));
    out->push_back(static_cast<char>(0x80 | ((v >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (v & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (v >> 18)));
    out->push_back(static_cast<char>(0x80 | ((v >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((v >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (v & 0x3F)));
  }
}

// Which non-ASCII characters XML allows in names is a large Unicode table;
// rather than copy expat's, ask expat itself. Such names are rare, so the
// answers are cached per thread.
bool expat_accepts_name(std::string_view name) {
  thread_local std::unordered_map<std::string, bool> cache;
  const std::string key(name);
  if (const auto hit = cache.find(key); hit != cache.end()) return hit->second;
  const std::string doc = "<" + key + "/>";
  XML_Parser parser = XML_ParserCreate(nullptr);
  if (!parser) return false;
  const bool ok =
      XML_Parse(parser, doc.data(), static_cast<int>(doc.size()), XML_TRUE) == XML_STATUS_OK;
  XML_ParserFree(parser);
  if (cache.size() > 4096) cache.clear();
  cache.emplace(key, ok);
  return ok;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

Sniffed sniff(std::string_view head) {
  const Sniffed expat{false, 0};
  std::size_t i = 0;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  // UTF-16 (with or without a byte order mark) and UCS-4 start with a NUL or FE/FF.
  if (head.size() >= 2 &&
      ((head[0] == '\xFE' && head[1] == '\xFF') || (head[0] == '\xFF' && head[1] == '\xFE')))
    return expat;
  if (head.substr(0, 4).find('\0') != std::string_view::npos) return expat;
  if (head.substr(i, 5) != "<?xml") return {true, i};
  if (i + 5 >= head.size()) return expat;
  if (!is_space(head[i + 5])) {
    // "<?xml-stylesheet ...?>" is an ordinary processing instruction.
    const std::uint8_t kind = k_tables.name[static_cast<std::uint8_t>(head[i + 5])];
    return kind == n_no ? expat : Sniffed{true, i};
  }
  std::size_t j = i + 5;
  auto space = [&] {
    const std::size_t from = j;
    while (j < head.size() && is_space(head[j])) ++j;
    return j > from;
  };
  auto attribute = [&](std::string_view key, std::string_view* value) {
    if (head.substr(j, key.size()) != key) return false;
    j += key.size();
    space();
    if (j >= head.size() || head[j] != '=') return false;
    ++j;
    space();
    if (j >= head.size() || (head[j] != '"' && head[j] != '\'')) return false;
    const std::size_t close = head.find(head[j], j + 1);
    if (close == std::string_view::npos) return false;
    *value = head.substr(j + 1, close - j - 1);
    j = close + 1;
    return true;
  };
  std::string_view value;
  if (!space() || !attribute("version", &value) || value != "1.0") return expat;
  bool spaced = space();
  if (spaced && head.substr(j, 8) == "encoding") {
    if (!attribute("encoding", &value) || !iequals(value, "UTF-8")) return expat;
    spaced = space();
  }
  if (spaced && head.substr(j, 10) == "standalone") {
    if (!attribute("standalone", &value) || (value != "yes" && value != "no")) return expat;
    space();
  }
  if (head.substr(j, 2) != "?>") return expat;
  return {true, j + 2};
}

Tokenizer::Tokenizer(Handler& handler, std::size_t skip) : handler_(handler), skip_(skip) {}

bool Tokenizer::feed(const char* data, std::size_t size, bool is_final) {
  if (failed_) return false;
  if (carry_.empty()) {
    const char* stop = run(data, data + size, is_final);
    if (!stop) return false;
    carry_.assign(stop, static_cast<std::size_t>(data + size - stop));
    rescan_at_ = 0;
    return true;
  }
  // A token was cut at the end of the last piece: complete it with as few new
  // bytes as will do, then go on reading the new bytes in place. Each retry at
  // least doubles what is re-read, so even a token of many megabytes (a huge
  // comment or attribute) costs linear time.
  if (!is_final && carry_.size() + size < rescan_at_) {
    carry_.append(data, size);
    return true;
  }
  std::size_t taken = 0;
  for (std::size_t piece = std::max<std::size_t>(4096, carry_.size());; piece *= 2) {
    const std::size_t n = std::min(piece, size - taken);
    carry_.append(data + taken, n);
    taken += n;
    const bool last = is_final && taken == size;
    const std::size_t old_size = carry_.size() - taken;  // bytes from earlier pieces
    const char* base = carry_.data();
    const char* stop = run(base, base + carry_.size(), last);
    if (!stop) return false;
    const std::size_t used = static_cast<std::size_t>(stop - base);
    if (used >= old_size) {
      const char* resume = data + (used - old_size);
      carry_.clear();
      if (last) return true;
      stop = run(resume, data + size, is_final);
      if (!stop) return false;
      carry_.assign(stop, static_cast<std::size_t>(data + size - stop));
      rescan_at_ = 0;
      return true;
    }
    carry_.erase(0, used);
    if (taken == size) {
      rescan_at_ = 2 * carry_.size();
      return true;
    }
  }
}

const char* Tokenizer::run(const char* begin, const char* end, bool is_final) {
  line_pos_ = begin;
  const char* p = begin;
  if (skip_ > 0) {
    const std::size_t n = std::min<std::size_t>(skip_, static_cast<std::size_t>(end - begin));
    p += n;
    skip_ -= n;
  }
  while (p < end) {
    const char* next = in_cdata_   ? cdata(p, end, is_final)
                       : *p == '<' ? markup(p, end, is_final)
                                   : chardata(p, end, is_final);
    if (!next) return nullptr;
    if (next == p) break;
    p = next;
  }
  if (is_final) {
    if (p < end) return more(p, end, true);
    if (in_cdata_) return fail(end, "unclosed CDATA section");
    if (!root_seen_ || !starts_.empty()) return fail(end, "no element found");
  }
  advance_lines(p);
  return p;
}

const char* Tokenizer::more(const char* p, const char* end, bool fin) {
  return fin ? fail(end, "unclosed token") : p;
}

const char* Tokenizer::fail(const char* at, const char* what) {
  error_ = what;
  error_line_ = line_at(at);
  failed_ = true;
  return nullptr;
}

const char* Tokenizer::stop() {
  failed_ = true;
  error_.clear();
  return nullptr;
}

void Tokenizer::emit(const char* from, const char* to) {
  if (handler_.wants_text && to > from)
    handler_.text(std::string_view(from, static_cast<std::size_t>(to - from)));
}

// Counts '\r', and '\n' unless it ends a "\r\n", as expat does.
void Tokenizer::advance_lines(const char* to) {
  const char* p = line_pos_;
  if (!p || to <= p) return;
  if (!std::memchr(p, '\r', static_cast<std::size_t>(to - p))) {
    if (prev_cr_ && *p == '\n') ++p;
    while (p < to) {
      p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(to - p)));
      if (!p) break;
      ++line_;
      ++p;
    }
    prev_cr_ = false;
  } else {
    for (; p < to; ++p) {
      if (*p == '\r' || (*p == '\n' && !prev_cr_)) ++line_;
      prev_cr_ = *p == '\r';
    }
  }
  line_pos_ = to;
}

int Tokenizer::line_at(const char* at) {
  advance_lines(at);
  return line_;
}

// The end of the Name at q, q itself when the input may go on inside it, or
// null (error set) when q starts no name or the name holds a character XML forbids.
const char* Tokenizer::name_end(const char* q, const char* end) {
  const std::uint8_t* s = bytes(q);
  const std::uint8_t* e = bytes(end);
  if (s == e) return q;
  const std::uint8_t first = k_tables.name[*s];
  if (first != n_start && first != n_utf8) return fail(q, k_invalid_token);
  bool non_ascii = false;
  for (; s < e; ++s) {
    const std::uint8_t kind = k_tables.name[*s];
    if (kind == n_no) break;
    non_ascii |= kind == n_utf8;
  }
  if (s == e) return q;
  const char* stop = reinterpret_cast<const char*>(s);
  if (non_ascii && !expat_accepts_name(std::string_view(q, static_cast<std::size_t>(stop - q))))
    return fail(q, k_invalid_token);
  return stop;
}

bool Tokenizer::valid_chars(const char* from, const char* to) {
  for (const char* p = from; p < to;) {
    const std::uint8_t kind = k_tables.text[static_cast<std::uint8_t>(*p)];
    if (kind == t_bad) return fail(p, k_invalid_token) != nullptr;
    if (kind == t_utf8) {
      const int n = utf8_sequence(p, to);
      if (n <= 0) return fail(p, k_invalid_token) != nullptr;
      p += n;
    } else {
      ++p;
    }
  }
  return true;
}

const char* Tokenizer::markup(const char* p, const char* end, bool fin) {
  if (end - p < 2) return more(p, end, fin);
  switch (p[1]) {
    case '/': return end_tag(p, end, fin);
    case '?': return processing_instruction(p, end, fin);
    case '!': return bang(p, end, fin);
    default: return start_tag(p, end, fin);
  }
}

const char* Tokenizer::start_tag(const char* p, const char* end, bool fin) {
  if (root_seen_ && starts_.empty()) return fail(p, "junk after document element");
  const char* name_stop = name_end(p + 1, end);
  if (!name_stop) return nullptr;
  if (name_stop == p + 1) return more(p, end, fin);
  spans_.clear();
  scratch_.clear();
  const char* s = name_stop;
  bool empty = false;
  for (;;) {
    const char* t = skip_space(s, end);
    if (t == end) return more(p, end, fin);
    if (*t == '>') {
      s = t + 1;
      break;
    }
    if (*t == '/') {
      if (t + 1 == end) return more(p, end, fin);
      if (t[1] != '>') return fail(t, k_invalid_token);
      s = t + 2;
      empty = true;
      break;
    }
    if (t == s) return fail(t, k_invalid_token);  // attributes are separated by blanks
    const char* key = t;
    const char* key_stop = name_end(t, end);
    if (!key_stop) return nullptr;
    if (key_stop == t) return more(p, end, fin);
    t = skip_space(key_stop, end);
    if (t == end) return more(p, end, fin);
    if (*t != '=') return fail(t, k_invalid_token);
    t = skip_space(t + 1, end);
    if (t == end) return more(p, end, fin);
    if (*t != '"' && *t != '\'') return fail(t, k_invalid_token);
    const char quote = *t;
    const char* value = t + 1;
    const char* u = value;
    const char* copied = value;  // decoded values are built in scratch_ up to here
    bool decoded = false;
    const std::size_t offset = scratch_.size();
    for (;;) {
      while (u < end && k_tables.attr[static_cast<std::uint8_t>(*u)] == a_plain) ++u;
      if (u == end) return more(p, end, fin);
      const std::uint8_t kind = k_tables.attr[static_cast<std::uint8_t>(*u)];
      if (kind == a_quote) {
        if (*u == quote) break;
        ++u;
      } else if (kind == a_lt || kind == a_bad) {
        return fail(u, k_invalid_token);
      } else if (kind == a_utf8) {
        const int n = utf8_sequence(u, end);
        if (n < 0) return more(p, end, fin);
        if (n == 0) return fail(u, k_invalid_token);
        u += n;
      } else if (kind == a_space) {
        // A literal tab or line end reads as a space ("\r\n" as one).
        if (*u == '\r' && u + 1 == end) return more(p, end, fin);
        scratch_.append(copied, static_cast<std::size_t>(u - copied));
        scratch_.push_back(' ');
        u += *u == '\r' && u[1] == '\n' ? 2 : 1;
        copied = u;
        decoded = true;
      } else {  // a_amp
        scratch_.append(copied, static_cast<std::size_t>(u - copied));
        const char* after = reference(u, end, fin, &scratch_);
        if (!after) return nullptr;
        if (after == u) return more(p, end, fin);
        u = copied = after;
        decoded = true;
      }
    }
    Span span{key, static_cast<std::size_t>(key_stop - key), value, 0,
              static_cast<std::size_t>(u - value)};
    if (decoded) {
      scratch_.append(copied, static_cast<std::size_t>(u - copied));
      span.value = nullptr;
      span.value_offset = offset;
      span.value_size = scratch_.size() - offset;
    } else {
      scratch_.resize(offset);
    }
    spans_.push_back(span);
    s = u + 1;
  }
  attributes_.clear();
  for (const Span& span : spans_)
    attributes_.push_back(
        {std::string_view(span.name, span.name_size),
         std::string_view(span.value ? span.value : scratch_.data() + span.value_offset,
                          span.value_size)});
  if (!check_duplicates()) return fail(p, "duplicate attribute");
  const std::string_view name(p + 1, static_cast<std::size_t>(name_stop - p - 1));
  root_seen_ = true;
  starts_.push_back(open_names_.size());
  open_names_.append(name);
  if (!handler_.start_element(name, attributes_.data(), attributes_.size(), line_at(p)))
    return stop();
  if (empty) {
    open_names_.resize(starts_.back());
    starts_.pop_back();
    if (!handler_.end_element()) return stop();
  }
  return s;
}

bool Tokenizer::check_duplicates() {
  const std::size_t n = attributes_.size();
  if (n < 2) return true;
  if (n <= 16) {
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j)
        if (attributes_[i].name == attributes_[j].name) return false;
    return true;
  }
  std::vector<std::string_view> names;
  names.reserve(n);
  for (const Attribute& a : attributes_) names.push_back(a.name);
  std::sort(names.begin(), names.end());
  return std::adjacent_find(names.begin(), names.end()) == names.end();
}

const char* Tokenizer::end_tag(const char* p, const char* end, bool fin) {
  const char* name_stop = name_end(p + 2, end);
  if (!name_stop) return nullptr;
  if (name_stop == p + 2) return more(p, end, fin);
  const char* t = skip_space(name_stop, end);
  if (t == end) return more(p, end, fin);
  if (*t != '>') return fail(t, k_invalid_token);
  if (starts_.empty()) return fail(p, root_seen_ ? "junk after document element" : "syntax error");
  const std::string_view name(p + 2, static_cast<std::size_t>(name_stop - p - 2));
  if (std::string_view(open_names_).substr(starts_.back()) != name)
    return fail(p, "mismatched tag");
  open_names_.resize(starts_.back());
  starts_.pop_back();
  if (!handler_.end_element()) return stop();
  return t + 1;
}

const char* Tokenizer::bang(const char* p, const char* end, bool fin) {
  // 1: `literal` is here, 0: it is not, -1: the input stops inside a prefix of it.
  auto at = [&](std::string_view literal) {
    const std::size_t n = std::min(literal.size(), static_cast<std::size_t>(end - p));
    if (std::memcmp(p, literal.data(), n) != 0) return 0;
    return n == literal.size() ? 1 : -1;
  };
  if (const int comment = at("<!--"); comment != 0) {
    if (comment < 0) return more(p, end, fin);
    for (const char* c = p + 4;;) {
      const char* dash =
          static_cast<const char*>(std::memchr(c, '-', static_cast<std::size_t>(end - c)));
      if (!dash || dash + 1 >= end) return more(p, end, fin);
      if (dash[1] != '-') {
        c = dash + 1;
        continue;
      }
      if (dash + 2 >= end) return more(p, end, fin);
      if (dash[2] != '>') return fail(dash, k_invalid_token);  // "--" inside a comment
      if (!valid_chars(p + 4, dash)) return nullptr;
      return dash + 3;
    }
  }
  if (const int section = at("<![CDATA["); section != 0) {
    if (section < 0) return more(p, end, fin);
    if (starts_.empty())
      return fail(p, root_seen_ ? "junk after document element" : "syntax error");
    in_cdata_ = true;
    return p + 9;
  }
  if (const int doctype = at("<!DOCTYPE"); doctype != 0) {
    if (doctype < 0) return more(p, end, fin);
    if (root_seen_) return fail(p, k_invalid_token);
    if (!handler_.doctype(line_at(p))) return stop();
    return fail(p, "DOCTYPE declarations are not supported");  // a handler must refuse them
  }
  return fail(p, root_seen_ && starts_.empty() ? "junk after document element" : k_invalid_token);
}

const char* Tokenizer::processing_instruction(const char* p, const char* end, bool fin) {
  const char* target_stop = name_end(p + 2, end);
  if (!target_stop) return nullptr;
  if (target_stop == p + 2) return more(p, end, fin);
  const std::string_view target(p + 2, static_cast<std::size_t>(target_stop - p - 2));
  if (target == "xml") return fail(p, "XML or text declaration not at start of entity");
  if (iequals(target, "xml")) return fail(p, k_invalid_token);
  const char* t = target_stop;
  if (t == end) return more(p, end, fin);
  if (*t == '?') {
    if (t + 1 == end) return more(p, end, fin);
    if (t[1] != '>') return fail(t, k_invalid_token);
    return t + 2;
  }
  if (!is_space(*t)) return fail(t, k_invalid_token);
  for (const char* c = t;;) {
    const char* mark =
        static_cast<const char*>(std::memchr(c, '?', static_cast<std::size_t>(end - c)));
    if (!mark || mark + 1 >= end) return more(p, end, fin);
    if (mark[1] == '>') {
      if (!valid_chars(t, mark)) return nullptr;
      return mark + 2;
    }
    c = mark + 1;
  }
}

const char* Tokenizer::chardata(const char* p, const char* end, bool fin) {
  if (starts_.empty()) {
    // Before and after the root element only blanks may stand between markup.
    const char* t = skip_space(p, end);
    if (t == end || *t == '<') return t;
    return fail(t, root_seen_ ? "junk after document element" : "syntax error");
  }
  const char* u = p;
  const char* copied = p;
  for (;;) {
    while (u < end && k_tables.text[static_cast<std::uint8_t>(*u)] == t_plain) ++u;
    if (u == end) {
      emit(copied, u);
      return u;
    }
    switch (k_tables.text[static_cast<std::uint8_t>(*u)]) {
      case t_lt: emit(copied, u); return u;
      case t_amp: {
        emit(copied, u);
        decoded_.clear();
        const char* after = reference(u, end, fin, &decoded_);
        if (!after) return nullptr;
        if (after == u) return u == p ? more(p, end, fin) : u;
        emit(decoded_.data(), decoded_.data() + decoded_.size());
        u = copied = after;
        break;
      }
      case t_rsqb:
        if (u + 2 < end) {
          if (u[1] == ']' && u[2] == '>') return fail(u, k_invalid_token);
        } else if (!fin) {
          emit(copied, u);
          return u;
        }
        ++u;
        break;
      case t_cr:
        if (u + 1 == end && !fin) {
          emit(copied, u);
          return u;
        }
        emit(copied, u);
        emit(k_newline, k_newline + 1);
        u += u + 1 < end && u[1] == '\n' ? 2 : 1;
        copied = u;
        break;
      case t_bad: return fail(u, k_invalid_token);
      default: {  // t_utf8
        const int n = utf8_sequence(u, end);
        if (n == 0) return fail(u, k_invalid_token);
        if (n < 0) {
          if (fin) return fail(u, "partial character");
          emit(copied, u);
          return u;
        }
        u += n;
      }
    }
  }
}

const char* Tokenizer::cdata(const char* p, const char* end, bool fin) {
  const char* u = p;
  const char* copied = p;
  for (;;) {
    while (u < end) {
      const std::uint8_t kind = k_tables.text[static_cast<std::uint8_t>(*u)];
      if (kind != t_plain && kind != t_lt && kind != t_amp) break;
      ++u;
    }
    if (u == end) {
      emit(copied, u);
      return u;
    }
    switch (k_tables.text[static_cast<std::uint8_t>(*u)]) {
      case t_rsqb:
        if (u + 2 < end) {
          if (u[1] == ']' && u[2] == '>') {
            emit(copied, u);
            in_cdata_ = false;
            return u + 3;
          }
        } else if (!fin) {
          emit(copied, u);
          return u;
        }
        ++u;
        break;
      case t_cr:
        if (u + 1 == end && !fin) {
          emit(copied, u);
          return u;
        }
        emit(copied, u);
        emit(k_newline, k_newline + 1);
        u += u + 1 < end && u[1] == '\n' ? 2 : 1;
        copied = u;
        break;
      case t_bad: return fail(u, k_invalid_token);
      default: {  // t_utf8
        const int n = utf8_sequence(u, end);
        if (n == 0) return fail(u, k_invalid_token);
        if (n < 0) {
          if (fin) return fail(u, "partial character");
          emit(copied, u);
          return u;
        }
        u += n;
      }
    }
  }
}

// At '&': appends what the reference stands for to *out and returns its end;
// q when the input stops inside it; null (error set) when it is not one of the
// five predefined entities or a character reference to a character XML allows.
const char* Tokenizer::reference(const char* q, const char* end, bool fin, std::string* out) {
  const char* s = q + 1;
  if (s == end) return fin ? more(q, end, fin) : q;
  if (*s == '#') {
    ++s;
    if (s == end) return fin ? more(q, end, fin) : q;
    const bool hex = *s == 'x';
    if (hex) ++s;
    std::uint32_t value = 0;
    std::size_t digits = 0;
    for (; s < end; ++s, ++digits) {
      const char c = *s;
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (hex && c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (hex && c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        break;
      }
      value = std::min<std::uint32_t>(value * (hex ? 16 : 10) + static_cast<std::uint32_t>(d),
                                      0x110000);
    }
    if (s == end) return fin ? more(q, end, fin) : q;
    if (*s != ';' || digits == 0) return fail(s, k_invalid_token);
    if (!valid_char_number(value)) return fail(q, "reference to invalid character number");
    append_utf8(value, out);
    return s + 1;
  }
  const char* name_stop = name_end(s, end);
  if (!name_stop) return nullptr;
  if (name_stop == s) return fin ? more(q, end, fin) : q;
  if (*name_stop != ';') return fail(name_stop, k_invalid_token);
  const std::string_view name(s, static_cast<std::size_t>(name_stop - s));
  char c;
  if (name == "lt") {
    c = '<';
  } else if (name == "gt") {
    c = '>';
  } else if (name == "amp") {
    c = '&';
  } else if (name == "quot") {
    c = '"';
  } else if (name == "apos") {
    c = '\'';
  } else {
    return fail(q, "undefined entity");
  }
  out->push_back(c);
  return name_stop + 1;
}

}  // namespace changegate::xml
