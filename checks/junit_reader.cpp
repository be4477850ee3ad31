// The reader is a small state machine over expat's callbacks. It keeps only
// the open suites, the one open test case and the first line of one failure
// body, so memory stays flat however large the report or its captured output.
#include "checks/junit_reader.h"

#include <expat.h>
#include <locale.h>
#include <stdlib.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "gates/sha256.h"
#include "gates/timestamp.h"

namespace changegate::junit {
namespace {

constexpr std::size_t k_chunk_size = 1 << 20;
constexpr std::size_t k_max_message_bytes = 500;
constexpr const char* k_suite_setup_name = "(suite setup)";

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

// Cuts to at most `max` bytes without splitting a UTF-8 sequence, then drops
// trailing blanks, so a shortened message never ends in half a character.
void shorten(std::string& text, std::size_t max) {
  if (text.size() > max) {
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
  }
  while (!text.empty() && is_space(text.back())) text.pop_back();
}

// strtod alone follows the process locale (a German locale would read "2,5"
// as 2.5) and also takes "inf", "nan" and hex, so check the decimal shape
// first and convert on the C locale. An empty value counts as absent.
bool parse_seconds(const char* raw, double* out) {
  std::string_view text = trim(raw);
  *out = 0;
  if (text.empty()) return true;
  std::size_t i = 0;
  const bool negative = text[i] == '-';
  if (text[i] == '+' || text[i] == '-') ++i;
  std::uint64_t mantissa = 0;  // wraps past 19 digits; only used up to 15
  std::size_t digits = 0;
  auto read_digits = [&] {
    const std::size_t start = i;
    for (; i < text.size() && is_digit(text[i]); ++i)
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(text[i] - '0');
    digits += i - start;
    return i - start;
  };
  read_digits();
  std::size_t fraction_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    fraction_digits = read_digits();
  }
  if (digits == 0) return false;
  const bool has_exponent = i < text.size() && (text[i] == 'e' || text[i] == 'E');
  if (has_exponent) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    std::size_t exponent_digits = 0;
    while (i < text.size() && is_digit(text[i])) ++i, ++exponent_digits;
    if (exponent_digits == 0) return false;
  }
  if (i != text.size()) return false;
  if (negative && mantissa != 0) return false;
  double value;
  if (!has_exponent && digits <= 15) {
    // Clinger's fast path, for the million-case reports: the digits are exact
    // as a double and so is the power of ten, so the one division rounds
    // correctly, giving exactly what strtod would.
    static constexpr double k_powers_of_ten[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    value = static_cast<double>(mantissa) / k_powers_of_ten[fraction_digits];
  } else {
    static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", nullptr);
    // The shape check guarantees strtod stops exactly at the end of `text`.
    value = c_locale ? strtod_l(text.data(), nullptr, c_locale) : strtod(text.data(), nullptr);
  }
  if (!std::isfinite(value) || value < 0) return false;
  *out = value + 0.0;  // turns "-0" into 0
  return true;
}

bool parse_line_number(const char* raw, int* out) {
  std::string_view text = trim(raw);
  if (text.empty() || text.size() > 9) return false;
  int value = 0;
  for (char c : text) {
    if (!is_digit(c)) return false;
    value = value * 10 + (c - '0');
  }
  *out = value;
  return true;
}

// What a <failure>/<error>/<skipped> child (or Surefire rerun) said.
struct Detail {
  bool present = false;
  Outcome outcome = Outcome::passed;
  std::string message;
  std::string type;
  std::string file;
  int line = 0;

  void reset() {
    present = false;
    outcome = Outcome::passed;
    message.clear();
    type.clear();
    file.clear();
    line = 0;
  }
};

struct OpenSuite {
  std::string name;
  int depth = 0;
};

class Reader {
 public:
  Reader(const std::string& display_name, Sink& sink)
      : display_name_(display_name), sink_(sink), parser_(XML_ParserCreate(nullptr)) {
    if (!parser_) throw std::bad_alloc();
    XML_SetUserData(parser_.get(), this);
    XML_SetElementHandler(parser_.get(), &Reader::start_handler, &Reader::end_handler);
    XML_SetCharacterDataHandler(parser_.get(), &Reader::text_handler);
    // Refuse any DTD before expat looks inside it: that is where external and
    // recursively expanding entities (XXE, billion laughs) would come from.
    XML_SetStartDoctypeDeclHandler(parser_.get(), &Reader::doctype_handler);
    XML_SetParamEntityParsing(parser_.get(), XML_PARAM_ENTITY_PARSING_NEVER);
  }

  // Hashes and parses the next piece of the input. Returns false once the input is
  // known to be bad (see finish() for why); rethrows what a sink threw.
  bool feed(const char* data, std::size_t size, bool is_final) {
    hash_.update(data, size);
    bytes_ += size;
    const XML_Status status =
        XML_Parse(parser_.get(), data, static_cast<int>(size), is_final ? XML_TRUE : XML_FALSE);
    if (exception_) std::rethrow_exception(exception_);
    if (status != XML_STATUS_ERROR) return true;
    if (error_.empty()) {
      error_ = located(XML_GetCurrentLineNumber(parser_.get())) +
               "not well-formed XML: " + XML_ErrorString(XML_GetErrorCode(parser_.get()));
    }
    return false;
  }

  // `ok` is what the last feed() returned.
  bool finish(bool ok, ReportSummary* summary, std::string* err) {
    if (!ok) {
      if (err) *err = error_;
      return false;
    }
    if (summary) {
      summary->root = root_;
      summary->suite_names = std::move(suite_names_);
      summary->latest_timestamp = latest_timestamp_;
      summary->test_cases = test_cases_;
      summary->sha256 = hash_.hex_digest();
      summary->bytes = bytes_;
    }
    return true;
  }

 private:
  std::string located(unsigned long line) const {
    return display_name_ + ":" + std::to_string(line) + ": ";
  }

  struct ParserDeleter {
    void operator()(XML_Parser parser) const { XML_ParserFree(parser); }
  };

  static Reader& self(void* data) { return *static_cast<Reader*>(data); }

  // C callbacks must not unwind through expat: keep the exception and stop.
  template <typename Body>
  void guarded(Body&& body) {
    if (stopped_) return;
    try {
      body();
    } catch (...) {
      exception_ = std::current_exception();
      stop();
    }
  }

  static void XMLCALL start_handler(void* data, const XML_Char* name, const XML_Char** atts) {
    self(data).guarded([&] { self(data).on_start(name, atts); });
  }
  static void XMLCALL end_handler(void* data, const XML_Char*) {
    self(data).guarded([&] { self(data).on_end(); });
  }
  static void XMLCALL text_handler(void* data, const XML_Char* text, int length) {
    Reader& reader = self(data);
    if (reader.capture_ && reader.depth_ == reader.capture_depth_)
      reader.guarded([&] { reader.capture_text(text, length); });
  }
  static void XMLCALL doctype_handler(void* data, const XML_Char*, const XML_Char*, const XML_Char*,
                                      int) {
    self(data).guarded([&] {
      self(data).fail("DOCTYPE declarations are not allowed in JUnit reports (external entities)");
    });
  }

  void stop() {
    stopped_ = true;
    XML_StopParser(parser_.get(), XML_FALSE);
  }

  void fail(const std::string& what) {
    error_ = located(XML_GetCurrentLineNumber(parser_.get())) + what;
    stop();
  }

  void on_start(const char* name, const char** atts) {
    ++depth_;
    if (depth_ == 1) {
      root_ = name;
      if (root_ != "testsuites" && root_ != "testsuite")
        return fail("not a JUnit report: root element <" + root_ + ">");
    }
    if (in_case_) {
      // A case hidden inside another case would otherwise vanish unseen.
      if (std::strcmp(name, "testcase") == 0 || std::strcmp(name, "testsuite") == 0)
        return fail("<" + std::string(name) + "> inside testcase \"" + case_.name + "\"");
      if (depth_ == case_depth_ + 1 && !synthetic_case_) on_case_child(name, atts);
      return;
    }
    if (std::strcmp(name, "testsuite") == 0) return open_suite(atts);
    if (std::strcmp(name, "testcase") == 0) return open_case(atts);
    if (std::strcmp(name, "testsuites") == 0) return note_timestamp(attribute(atts, "timestamp"));
    const bool suite_child = !suites_.empty() && suites_.back().depth == depth_ - 1;
    if (suite_child && std::strcmp(name, "failure") == 0)
      return open_suite_setup(Outcome::failed, atts);
    if (suite_child && std::strcmp(name, "error") == 0)
      return open_suite_setup(Outcome::errored, atts);
  }

  void on_end() {
    if (capture_ && depth_ == capture_depth_) {
      shorten(*capture_, k_max_message_bytes);
      capture_ = nullptr;
    }
    if (in_case_ && depth_ == case_depth_) {
      finish_case();
    } else if (!suites_.empty() && suites_.back().depth == depth_) {
      suites_.pop_back();
    }
    --depth_;
  }

  static const char* attribute(const char** atts, const char* key) {
    for (; *atts; atts += 2)
      if (std::strcmp(atts[0], key) == 0) return atts[1];
    return nullptr;
  }

  // Compared as instants with the parser the gates use on the result, so the
  // latest is one they can read; within one second the later string wins.
  void note_timestamp(const char* value) {
    if (!value) return;
    const std::optional<Timestamp> instant = parse_timestamp(value);
    if (!instant) return;
    if (latest_timestamp_.empty() || latest_instant_ < *instant ||
        (latest_instant_ == *instant && latest_timestamp_ < value)) {
      latest_instant_ = *instant;
      latest_timestamp_ = value;
    }
  }

  bool parse_time(const char* kind, const std::string& name, const char* value, double* seconds) {
    if (!value) return true;
    if (parse_seconds(value, seconds)) return true;
    fail(std::string(kind) + " \"" + name + "\": time \"" + value +
         "\" is not a non-negative number");
    return false;
  }

  void open_suite(const char** atts) {
    const char* name = attribute(atts, "name");
    OpenSuite suite{name ? name : "", depth_};
    double seconds = 0;
    if (!parse_time("testsuite", suite.name, attribute(atts, "time"), &seconds)) return;
    note_timestamp(attribute(atts, "timestamp"));
    if (!suite.name.empty() && seen_suite_names_.insert(suite.name).second)
      suite_names_.push_back(suite.name);
    suites_.push_back(std::move(suite));
  }

  void begin_case() {
    in_case_ = true;
    case_depth_ = depth_;
    failure_.reset();
    skip_.reset();
    status_outcome_ = Outcome::passed;
    skipped_by_status_ = false;
    case_.suite = suites_.empty() ? std::string() : suites_.back().name;
    case_.classname.clear();
    case_.name.clear();
    case_.seconds = 0;
    case_.outcome = Outcome::passed;
    case_.flaky_reruns = 0;
    case_.message.clear();
    case_.type.clear();
    case_.file.clear();
    case_.line = 0;
    case_.report_line = static_cast<int>(XML_GetCurrentLineNumber(parser_.get()));
  }

  void open_case(const char** atts) {
    const char* name = attribute(atts, "name");
    if (!name) return fail("testcase without a name attribute");
    begin_case();
    synthetic_case_ = false;
    case_.name = name;
    const char* time = nullptr;
    for (const char** at = atts; *at; at += 2) {
      const char* key = at[0];
      const char* value = at[1];
      if (std::strcmp(key, "classname") == 0) {
        case_.classname = value;
      } else if (std::strcmp(key, "time") == 0) {
        time = value;
      } else if (std::strcmp(key, "file") == 0) {
        case_.file = value;
      } else if (std::strcmp(key, "line") == 0) {
        parse_line_number(value, &case_.line);
      } else if (std::strcmp(key, "timestamp") == 0) {
        note_timestamp(value);
      } else if (std::strcmp(key, "status") == 0) {
        note_status(value);
      } else if (std::strcmp(key, "result") == 0) {
        // GoogleTest: result="suppressed" for DISABLED_ tests, "skipped" for GTEST_SKIP.
        const std::string_view result = trim(value);
        if (equals_ignore_case(result, "suppressed") || equals_ignore_case(result, "skipped"))
          skipped_by_status_ = true;
      }
    }
    parse_time("testcase", case_.name, time, &case_.seconds);
  }

  void note_status(std::string_view status) {
    status = trim(status);
    if (equals_ignore_case(status, "fail") || equals_ignore_case(status, "failed")) {
      status_outcome_ = Outcome::failed;
    } else if (equals_ignore_case(status, "error") || equals_ignore_case(status, "errored")) {
      status_outcome_ = Outcome::errored;
    } else if (equals_ignore_case(status, "notrun") || equals_ignore_case(status, "disabled") ||
               equals_ignore_case(status, "skipped")) {
      skipped_by_status_ = true;
    }
  }

  void open_suite_setup(Outcome outcome, const char** atts) {
    begin_case();
    synthetic_case_ = true;
    case_.classname = case_.suite;
    case_.name = k_suite_setup_name;
    record(failure_, outcome, atts);
  }

  void on_case_child(const char* name, const char** atts) {
    // Surefire writes <rerunFailure>/<rerunError> for each failed rerun of a
    // test that never passed; they keep it failed, like <failure>/<error>.
    if (std::strcmp(name, "failure") == 0 || std::strcmp(name, "rerunFailure") == 0) {
      record(failure_, Outcome::failed, atts);
    } else if (std::strcmp(name, "error") == 0 || std::strcmp(name, "rerunError") == 0) {
      record(failure_, Outcome::errored, atts);
    } else if (std::strcmp(name, "skipped") == 0) {
      record(skip_, Outcome::skipped, atts);
    } else if (std::strcmp(name, "flakyFailure") == 0 || std::strcmp(name, "flakyError") == 0) {
      ++case_.flaky_reruns;
    }
  }

  // Only the first child of each kind speaks for the case.
  void record(Detail& detail, Outcome outcome, const char** atts) {
    if (detail.present) return;
    detail.present = true;
    detail.outcome = outcome;
    for (const char** at = atts; *at; at += 2) {
      if (std::strcmp(at[0], "message") == 0) {
        detail.message = at[1];
      } else if (std::strcmp(at[0], "type") == 0) {
        detail.type = at[1];
      } else if (std::strcmp(at[0], "file") == 0) {
        detail.file = at[1];
      } else if (std::strcmp(at[0], "line") == 0) {
        parse_line_number(at[1], &detail.line);
      }
    }
    if (trim(detail.message).empty()) {
      detail.message.clear();
      capture_ = &detail.message;
      capture_depth_ = depth_;
    }
  }

  // Keeps the first non-blank line of a body and ignores the rest, so a
  // megabyte stack trace costs nothing.
  void capture_text(const char* text, int length) {
    std::string& out = *capture_;
    for (int i = 0; i < length; ++i) {
      const char c = text[i];
      if (out.empty() && is_space(c)) continue;
      if (c == '\n' || c == '\r' || out.size() > k_max_message_bytes) {
        shorten(out, k_max_message_bytes);
        capture_ = nullptr;
        return;
      }
      out.push_back(c);
    }
  }

  void finish_case() {
    const Detail* decisive = nullptr;
    if (failure_.present) {
      decisive = &failure_;
      case_.outcome = failure_.outcome;
    } else if (status_outcome_ != Outcome::passed) {
      case_.outcome = status_outcome_;
    } else if (skip_.present || skipped_by_status_) {
      decisive = skip_.present ? &skip_ : nullptr;
      case_.outcome = Outcome::skipped;
    } else {
      case_.outcome = Outcome::passed;
    }
    if (decisive) {
      case_.message = decisive->message;
      case_.type = decisive->type;
      if (case_.file.empty() && case_.line == 0) {
        case_.file = decisive->file;
        case_.line = decisive->line;
      }
    }
    in_case_ = false;
    capture_ = nullptr;
    ++test_cases_;
    sink_.on_test_case(case_);
  }

  const std::string& display_name_;
  Sink& sink_;
  std::unique_ptr<XML_ParserStruct, ParserDeleter> parser_;
  Sha256 hash_;
  std::uint64_t bytes_ = 0;
  bool stopped_ = false;
  std::string error_;
  std::exception_ptr exception_;

  int depth_ = 0;
  std::string root_;
  std::vector<OpenSuite> suites_;
  std::vector<std::string> suite_names_;
  std::unordered_set<std::string> seen_suite_names_;
  std::string latest_timestamp_;
  Timestamp latest_instant_ = 0;
  std::int64_t test_cases_ = 0;

  bool in_case_ = false;
  bool synthetic_case_ = false;
  int case_depth_ = 0;
  TestCase case_;
  Detail failure_;
  Detail skip_;
  Outcome status_outcome_ = Outcome::passed;
  bool skipped_by_status_ = false;
  std::string* capture_ = nullptr;
  int capture_depth_ = 0;
};

}  // namespace

bool read_report(const std::string& path, Sink& sink, ReportSummary* summary, std::string* err) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) {
    if (err) *err = path + ": cannot open: " + std::strerror(errno);
    return false;
  }
  Reader reader(path, sink);
  std::unique_ptr<char[]> buffer(new char[k_chunk_size]);
  bool ok = true;
  for (bool is_final = false; ok && !is_final;) {
    const std::size_t size = std::fread(buffer.get(), 1, k_chunk_size, file.get());
    if (std::ferror(file.get())) {
      if (err) *err = path + ": cannot read: " + std::strerror(errno);
      return false;
    }
    is_final = size < k_chunk_size;
    ok = reader.feed(buffer.get(), size, is_final);
  }
  return reader.finish(ok, summary, err);
}

bool read_report_bytes(const std::string& bytes, const std::string& display_name, Sink& sink,
                       ReportSummary* summary, std::string* err) {
  Reader reader(display_name, sink);
  // Chunked like a file so both paths behave alike and XML_Parse's int length never overflows.
  std::size_t offset = 0;
  bool ok = true;
  for (bool is_final = false; ok && !is_final;) {
    const std::size_t size = std::min(k_chunk_size, bytes.size() - offset);
    is_final = offset + size == bytes.size();
    ok = reader.feed(bytes.data() + offset, size, is_final);
    offset += size;
  }
  return reader.finish(ok, summary, err);
}

}  // namespace changegate::junit
