// The reader is a small state machine over XML events, fed by the fast
// tokenizer (checks/tests/xml_tokenizer.h) for UTF-8 reports and by expat for any
// other encoding. It keeps only the open suites, the one open test case and
// the first line of one failure body, so memory stays flat however large the
// report or its captured output.
#include "checks/tests/junit_reader.h"

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

#include "checks/tests/xml_tokenizer.h"
#include "gates/util/chunked_file.h"
#include "gates/util/sha256.h"
#include "gates/util/strings.h"
#include "gates/util/timestamp.h"

namespace changegate::junit {
namespace {

constexpr std::size_t k_chunk_size = ChunkedFile::k_chunk_size;
constexpr const char* k_suite_setup_name = "(suite setup)";

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

// How much of `text` fits in `max` bytes without splitting a UTF-8 sequence.
std::size_t utf8_cut(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text.size();
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return cut;
}

// Drops trailing blanks and, when the whole was `full_size` bytes, more than
// k_max_evidence_bytes, cuts `text` there and says so: a shortened string
// never ends in half a character and never passes for the whole.
void cap(std::string& text, std::size_t full_size) {
  const bool truncated = full_size > k_max_evidence_bytes;
  if (truncated) text.resize(utf8_cut(text, k_max_evidence_bytes));
  while (!text.empty() && is_space(text.back())) text.pop_back();
  if (truncated) text += " (truncated, " + std::to_string(full_size) + " bytes)";
}

// An attribute value kept as written, up to the cap.
void assign_capped(std::string& out, std::string_view value) {
  if (value.size() <= k_max_evidence_bytes) {
    out.assign(value);
    return;
  }
  out.assign(value.substr(0, utf8_cut(value, k_max_evidence_bytes)));
  cap(out, value.size());
}

// strtod alone follows the process locale (a German locale would read "2,5"
// as 2.5) and also takes "inf", "nan" and hex, so check the decimal shape
// first and convert on the C locale. An empty value counts as absent.
bool parse_seconds(std::string_view raw, double* out) {
  std::string_view text = trim(raw);
  *out = 0;
  if (text.empty()) return true;
  std::size_t i = 0;
  // Negative durations occur in real reports (clock steps, Jenkins' own
  // fixtures); they decide nothing, so they are read as written.
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
  double value;
  if (!has_exponent && digits <= 15) {
    // Clinger's fast path, for the million-case reports: the digits are exact
    // as a double and so is the power of ten, so the one division rounds
    // correctly, giving exactly what strtod would.
    static constexpr double k_powers_of_ten[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    value = static_cast<double>(mantissa) / k_powers_of_ten[fraction_digits];
    if (negative) value = -value;
  } else {
    static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", nullptr);
    // The shape check guarantees strtod stops exactly at the end of `text`.
    const std::string copy(text);  // views into the input are not NUL-terminated
    value = c_locale ? strtod_l(copy.c_str(), nullptr, c_locale) : strtod(copy.c_str(), nullptr);
  }
  if (!std::isfinite(value)) return false;
  *out = value + 0.0;  // turns "-0" into 0
  return true;
}

// A declared count (tests="12"); false when absent or not a plain number.
bool parse_count(const std::string_view* raw, std::int64_t* out) {
  if (!raw) return false;
  const std::string_view text = trim(*raw);
  if (text.empty() || text.size() > 15) return false;
  std::int64_t value = 0;
  for (const char c : text) {
    if (!is_digit(c)) return false;
    value = value * 10 + (c - '0');
  }
  *out = value;
  return true;
}

bool parse_line_number(std::string_view raw, int* out) {
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

// A <testsuites>/<testsuite> still open, with what it declares and where the
// counts stood when it opened, to compare with what it turned out to hold.
struct OpenCount {
  int depth = 0;
  int line = 0;
  std::string name;
  bool declares_tests = false;
  std::int64_t tests = 0, failures = 0, errors = 0;
  std::int64_t cases_before = 0, failed_before = 0;
  std::size_t declared_only_before = 0, mismatches_before = 0;
};

using Attributes = const xml::Attribute*;

// The value of attribute `key`, or null.
const std::string_view* attribute(Attributes atts, std::size_t count, std::string_view key) {
  for (std::size_t i = 0; i < count; ++i)
    if (atts[i].name == key) return &atts[i].value;
  return nullptr;
}

// The JUnit meaning of the XML events, whichever parser produced them.
class Reader : public xml::Handler {
 public:
  Reader(const std::string& display_name, Sink& sink) : display_name_(display_name), sink_(sink) {}

  bool start_element(std::string_view name, const xml::Attribute* attributes, std::size_t count,
                     int line) override {
    line_ = line;
    on_start(name, attributes, count);
    wants_text = capture_ && depth_ == capture_depth_;
    return error_.empty();
  }

  bool end_element() override {
    on_end();
    wants_text = capture_ && depth_ == capture_depth_;
    return true;
  }

  void text(std::string_view data) override {
    if (capture_ && depth_ == capture_depth_) capture_text(data);
    wants_text = capture_ && depth_ == capture_depth_;
  }

  // Refuse any DTD before a parser looks inside it: that is where external and
  // recursively expanding entities (XXE, billion laughs) would come from.
  bool doctype(int line) override {
    line_ = line;
    fail("DOCTYPE declarations are not allowed in JUnit reports (external entities)");
    return false;
  }

  // A well-formedness error, unless the reader already stopped for its own reason.
  void fail_xml(int line, std::string_view what) {
    if (error_.empty()) error_ = located(line) + "not well-formed XML: " + std::string(what);
  }

  // A warning about what was read, located at the current element.
  void warn(const std::string& what) { warn_at(line_, what); }

  // `ok` is what the last feed returned.
  bool finish(bool ok, std::string sha256, std::uint64_t bytes, ReportSummary* summary,
              std::string* err) {
    if (!ok) {
      if (err) *err = error_;
      return false;
    }
    if (summary) {
      summary->root = root_;
      summary->suite_names = std::move(suite_names_);
      summary->latest_timestamp = latest_timestamp_;
      summary->test_cases = test_cases_;
      summary->declared_only = std::move(declared_only_);
      summary->warnings = std::move(warnings_);
      summary->warnings_not_listed = warnings_not_listed_;
      summary->sha256 = std::move(sha256);
      summary->bytes = bytes;
    }
    return true;
  }

 private:
  std::string located(int line) const { return display_name_ + ":" + std::to_string(line) + ": "; }

  void fail(const std::string& what) {
    if (error_.empty()) error_ = located(line_) + what;
  }

  void warn_at(int line, const std::string& what) {
    if (warnings_.size() < k_max_warnings)
      warnings_.push_back(located(line) + what);
    else
      ++warnings_not_listed_;
  }

  void on_start(std::string_view name, Attributes atts, std::size_t count) {
    ++depth_;
    if (depth_ == 1) {
      root_ = name;
      if (root_ != "testsuites" && root_ != "testsuite")
        return fail("not a JUnit report: root element <" + root_ + ">");
    }
    if (in_case_) {
      // A case hidden inside another case would otherwise vanish unseen.
      if (name == "testcase" || name == "testsuite")
        return fail("<" + std::string(name) + "> inside testcase \"" + case_.name + "\"");
      if (depth_ == case_depth_ + 1 && !synthetic_case_) on_case_child(name, atts, count);
      return;
    }
    if (name == "testcase") return open_case(atts, count);
    if (name == "testsuite") return open_suite(atts, count);
    if (name == "testsuites") {
      if (const std::string_view* stamp = attribute(atts, count, "timestamp"))
        note_timestamp(*stamp);
      return open_count("", atts, count);
    }
    const bool suite_child = !suites_.empty() && suites_.back().depth == depth_ - 1;
    if (suite_child && name == "failure") return open_suite_setup(Outcome::failed, atts, count);
    if (suite_child && name == "error") return open_suite_setup(Outcome::errored, atts, count);
  }

  void on_end() {
    if (capture_ && depth_ == capture_depth_) finish_capture();
    if (in_case_ && depth_ == case_depth_) {
      finish_case();
    } else {
      if (!suites_.empty() && suites_.back().depth == depth_) suites_.pop_back();
      if (!counts_.empty() && counts_.back().depth == depth_) close_count();
    }
    --depth_;
  }

  void open_count(const std::string& name, Attributes atts, std::size_t count) {
    OpenCount c;
    c.depth = depth_;
    c.line = line_;
    c.name = name;
    c.declares_tests = parse_count(attribute(atts, count, "tests"), &c.tests);
    parse_count(attribute(atts, count, "failures"), &c.failures);
    parse_count(attribute(atts, count, "errors"), &c.errors);
    c.cases_before = test_cases_;
    c.failed_before = failed_cases_;
    c.declared_only_before = declared_only_.size();
    c.mismatches_before = mismatches_;
    counts_.push_back(std::move(c));
  }

  // Declared counts with no case beneath them are recorded (the gate never
  // reads them as green); declared totals that merely disagree with the cases
  // (producers count skipped or nested suites differently) are a warning.
  // Only the innermost suite speaks, so one problem is reported once.
  void close_count() {
    const OpenCount c = std::move(counts_.back());
    counts_.pop_back();
    const std::int64_t cases = test_cases_ - c.cases_before;
    const std::int64_t failed = failed_cases_ - c.failed_before;
    const std::string what = c.name.empty() && depth_ == 1 && root_ == "testsuites"
                                 ? std::string("testsuites")
                                 : "testsuite \"" + c.name + "\"";
    if (cases == 0) {
      if ((c.tests > 0 || c.failures > 0 || c.errors > 0) &&
          declared_only_.size() == c.declared_only_before)
        declared_only_.push_back({c.name, c.line, c.tests, c.failures, c.errors});
      return;
    }
    if (mismatches_ != c.mismatches_before) return;
    if (c.declares_tests && c.tests != cases) {
      ++mismatches_;
      warn_at(c.line, what + " declares tests=\"" + std::to_string(c.tests) + "\" but holds " +
                          plural(cases, "test case") + "; the cases decide");
    } else if (c.failures + c.errors > failed) {
      ++mismatches_;
      warn_at(c.line, what + " declares " + plural(c.failures + c.errors, "failure") +
                          " but holds " + plural(failed, "failed test case") +
                          "; the cases decide");
    }
  }

  // Compared as instants with the parser the gates use on the result, so the
  // latest is one they can read; within one second the later string wins.
  void note_timestamp(std::string_view value) {
    const std::string text(value);
    const std::optional<Timestamp> instant = parse_timestamp(text);
    if (!instant) return;
    if (latest_timestamp_.empty() || latest_instant_ < *instant ||
        (latest_instant_ == *instant && latest_timestamp_ < text)) {
      latest_instant_ = *instant;
      latest_timestamp_ = text;
    }
  }

  // An unreadable time ("0,288" from a decimal-comma locale) says nothing about
  // the outcome: the duration is unknown, with a warning, and the report reads on.
  bool parse_time(const char* kind, const std::string& name, const std::string_view* value,
                  double* seconds) {
    if (!value) return true;
    if (parse_seconds(*value, seconds)) return true;
    std::string shown;
    assign_capped(shown, *value);
    warn(std::string(kind) + " \"" + name + "\": time \"" + shown +
         "\" is not a number; its duration is unknown");
    return false;
  }

  void open_suite(Attributes atts, std::size_t count) {
    const std::string_view* name = attribute(atts, count, "name");
    OpenSuite suite{name ? std::string(*name) : std::string(), depth_};
    double seconds = 0;
    parse_time("testsuite", suite.name, attribute(atts, count, "time"), &seconds);
    open_count(suite.name, atts, count);
    if (const std::string_view* stamp = attribute(atts, count, "timestamp")) note_timestamp(*stamp);
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
    if (suites_.empty())
      case_.suite.clear();
    else
      case_.suite = suites_.back().name;
    case_.classname.clear();
    case_.name.clear();
    case_.seconds = 0;
    case_.seconds_known = true;
    case_.outcome = Outcome::passed;
    case_.flaky_reruns = 0;
    case_.message.clear();
    case_.type.clear();
    case_.file.clear();
    case_.line = 0;
    case_.report_line = line_;
  }

  void open_case(Attributes atts, std::size_t count) {
    const std::string_view* name = attribute(atts, count, "name");
    if (!name) return fail("testcase without a name attribute");
    begin_case();
    synthetic_case_ = false;
    case_.name = *name;
    const std::string_view* time = nullptr;
    for (std::size_t i = 0; i < count; ++i) {
      const std::string_view key = atts[i].name;
      const std::string_view value = atts[i].value;
      if (key == "classname") {
        case_.classname = value;
      } else if (key == "time") {
        time = &atts[i].value;
      } else if (key == "file") {
        case_.file = value;
      } else if (key == "line") {
        parse_line_number(value, &case_.line);
      } else if (key == "timestamp") {
        note_timestamp(value);
      } else if (key == "status") {
        note_status(value);
      } else if (key == "result") {
        // GoogleTest: result="suppressed" for DISABLED_ tests, "skipped" for GTEST_SKIP.
        const std::string_view result = trim(value);
        if (equals_ignore_case(result, "suppressed") || equals_ignore_case(result, "skipped"))
          skipped_by_status_ = true;
      }
    }
    case_.seconds_known = parse_time("testcase", case_.name, time, &case_.seconds);
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

  void open_suite_setup(Outcome outcome, Attributes atts, std::size_t count) {
    begin_case();
    synthetic_case_ = true;
    case_.classname = case_.suite;
    case_.name = k_suite_setup_name;
    record(failure_, outcome, atts, count);
  }

  void on_case_child(std::string_view name, Attributes atts, std::size_t count) {
    // Surefire writes <rerunFailure>/<rerunError> for each failed rerun of a
    // test that never passed; they keep it failed, like <failure>/<error>.
    if (name == "failure" || name == "rerunFailure") {
      record(failure_, Outcome::failed, atts, count);
    } else if (name == "error" || name == "rerunError") {
      record(failure_, Outcome::errored, atts, count);
    } else if (name == "skipped") {
      record(skip_, Outcome::skipped, atts, count);
    } else if (name == "flakyFailure" || name == "flakyError") {
      ++case_.flaky_reruns;
    }
  }

  // Only the first child of each kind speaks for the case.
  void record(Detail& detail, Outcome outcome, Attributes atts, std::size_t count) {
    if (detail.present) return;
    detail.present = true;
    detail.outcome = outcome;
    for (std::size_t i = 0; i < count; ++i) {
      const std::string_view key = atts[i].name;
      if (key == "message") {
        assign_capped(detail.message, atts[i].value);
      } else if (key == "type") {
        assign_capped(detail.type, atts[i].value);
      } else if (key == "file") {
        detail.file = atts[i].value;
      } else if (key == "line") {
        parse_line_number(atts[i].value, &detail.line);
      }
    }
    if (trim(std::string_view(detail.message)).empty()) {
      detail.message.clear();
      capture_ = &detail.message;
      capture_depth_ = depth_;
      capture_bytes_ = 0;
    }
  }

  // Keeps the first non-blank line of a body, up to the cap, and ignores the
  // rest: past the cap the line is only counted, so a megabyte stack trace
  // costs nothing.
  void capture_text(std::string_view text) {
    std::string& out = *capture_;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (capture_bytes_ == 0 && is_space(c)) continue;
      if (c == '\n' || c == '\r') return finish_capture();
      if (out.size() <= k_max_evidence_bytes) {
        out.push_back(c);
        ++capture_bytes_;
        continue;
      }
      // Past the cap: count up to the line's end without keeping it.
      const std::string_view rest = text.substr(i);
      const std::size_t end = rest.find_first_of("\r\n");
      capture_bytes_ += end == std::string_view::npos ? rest.size() : end;
      if (end != std::string_view::npos) finish_capture();
      return;
    }
  }

  void finish_capture() {
    cap(*capture_, capture_bytes_);
    capture_ = nullptr;
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
    failed_cases_ += case_.outcome == Outcome::failed || case_.outcome == Outcome::errored;
    sink_.on_test_case(case_);
  }

  const std::string& display_name_;
  Sink& sink_;
  std::string error_;
  int line_ = 1;  // of the element being handled

  int depth_ = 0;
  std::string root_;
  std::vector<OpenSuite> suites_;
  std::vector<std::string> suite_names_;
  std::unordered_set<std::string> seen_suite_names_;
  std::string latest_timestamp_;
  Timestamp latest_instant_ = 0;
  std::int64_t test_cases_ = 0;
  std::int64_t failed_cases_ = 0;
  std::vector<OpenCount> counts_;
  std::vector<DeclaredOnly> declared_only_;
  std::size_t mismatches_ = 0;
  std::vector<std::string> warnings_;
  std::int64_t warnings_not_listed_ = 0;

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
  std::size_t capture_bytes_ = 0;  // of the captured line, kept or not
};

// Expat behind the same events, for reports in encodings other than UTF-8
// (expat converts ISO-8859-1, US-ASCII and UTF-16 to UTF-8).
class ExpatParser {
 public:
  explicit ExpatParser(Reader& reader) : reader_(reader), parser_(XML_ParserCreate(nullptr)) {
    if (!parser_) throw std::bad_alloc();
    XML_SetUserData(parser_.get(), this);
    XML_SetElementHandler(parser_.get(), &ExpatParser::start_handler, &ExpatParser::end_handler);
    XML_SetCharacterDataHandler(parser_.get(), &ExpatParser::text_handler);
    XML_SetStartDoctypeDeclHandler(parser_.get(), &ExpatParser::doctype_handler);
    XML_SetParamEntityParsing(parser_.get(), XML_PARAM_ENTITY_PARSING_NEVER);
  }

  // Parses the next piece; false once the input is known to be bad; rethrows what a sink threw.
  bool feed(const char* data, std::size_t size, bool is_final) {
    const XML_Status status =
        XML_Parse(parser_.get(), data, static_cast<int>(size), is_final ? XML_TRUE : XML_FALSE);
    if (exception_) std::rethrow_exception(exception_);
    if (status != XML_STATUS_ERROR && !stopped_) return true;
    reader_.fail_xml(line(), XML_ErrorString(XML_GetErrorCode(parser_.get())));
    return false;
  }

 private:
  struct ParserDeleter {
    void operator()(XML_Parser parser) const { XML_ParserFree(parser); }
  };

  static ExpatParser& self(void* data) { return *static_cast<ExpatParser*>(data); }
  int line() const { return static_cast<int>(XML_GetCurrentLineNumber(parser_.get())); }

  // C callbacks must not unwind through expat: keep the exception and stop;
  // `body` returns false when the reader stops the document.
  template <typename Body>
  void guarded(Body&& body) {
    if (stopped_) return;
    try {
      if (body()) return;
    } catch (...) {
      exception_ = std::current_exception();
    }
    stopped_ = true;
    XML_StopParser(parser_.get(), XML_FALSE);
  }

  static void XMLCALL start_handler(void* data, const XML_Char* name, const XML_Char** atts) {
    ExpatParser& p = self(data);
    p.guarded([&] {
      p.attributes_.clear();
      for (; *atts; atts += 2) p.attributes_.push_back({atts[0], atts[1]});
      return p.reader_.start_element(name, p.attributes_.data(), p.attributes_.size(), p.line());
    });
  }
  static void XMLCALL end_handler(void* data, const XML_Char*) {
    ExpatParser& p = self(data);
    p.guarded([&] { return p.reader_.end_element(); });
  }
  static void XMLCALL text_handler(void* data, const XML_Char* text, int length) {
    ExpatParser& p = self(data);
    if (!p.reader_.wants_text) return;
    p.guarded([&] {
      p.reader_.text(std::string_view(text, static_cast<std::size_t>(length)));
      return true;
    });
  }
  static void XMLCALL doctype_handler(void* data, const XML_Char*, const XML_Char*, const XML_Char*,
                                      int) {
    ExpatParser& p = self(data);
    p.guarded([&] { return p.reader_.doctype(p.line()); });
  }

  Reader& reader_;
  std::unique_ptr<XML_ParserStruct, ParserDeleter> parser_;
  std::vector<xml::Attribute> attributes_;
  bool stopped_ = false;
  std::exception_ptr exception_;
};

// Picks the parser from the first bytes: the tokenizer for UTF-8, expat for the rest.
class Document {
 public:
  Document(Reader& reader, XmlEngine engine) : reader_(reader), engine_(engine) {}

  bool feed(const char* data, std::size_t size, bool is_final) {
    if (!tokenizer_ && !expat_) {
      const xml::Sniffed sniffed =
          engine_ == XmlEngine::expat ? xml::Sniffed{} : xml::sniff(std::string_view(data, size));
      if (sniffed.fast)
        tokenizer_ = std::make_unique<xml::Tokenizer>(reader_, sniffed.skip);
      else
        expat_ = std::make_unique<ExpatParser>(reader_);
    }
    if (expat_) return expat_->feed(data, size, is_final);
    if (tokenizer_->feed(data, size, is_final)) return true;
    if (!tokenizer_->error().empty())
      reader_.fail_xml(tokenizer_->error_line(), tokenizer_->error());
    return false;
  }

 private:
  Reader& reader_;
  XmlEngine engine_;
  std::unique_ptr<xml::Tokenizer> tokenizer_;
  std::unique_ptr<ExpatParser> expat_;
};

}  // namespace

bool read_report(const std::string& path, Sink& sink, ReportSummary* summary, std::string* err) {
  ChunkedFile file;
  if (!file.open(path, err)) return false;
  Reader reader(path, sink);
  Document document(reader, XmlEngine::automatic);
  bool ok = true;
  for (bool is_final = false; ok && !is_final;) {
    std::string_view chunk;
    if (!file.next(&chunk, &is_final, err)) return false;
    ok = document.feed(chunk.data(), chunk.size(), is_final);
  }
  return reader.finish(ok, ok ? file.sha256() : std::string(), file.bytes(), summary, err);
}

bool read_report_bytes(const std::string& bytes, const std::string& display_name, Sink& sink,
                       ReportSummary* summary, std::string* err, XmlEngine engine) {
  Reader reader(display_name, sink);
  Document document(reader, engine);
  // Chunked like a file so both paths behave alike and XML_Parse's int length never overflows.
  std::size_t offset = 0;
  bool ok = true;
  for (bool is_final = false; ok && !is_final;) {
    const std::size_t size = std::min(k_chunk_size, bytes.size() - offset);
    is_final = offset + size == bytes.size();
    ok = document.feed(bytes.data() + offset, size, is_final);
    offset += size;
  }
  return reader.finish(ok, ok ? sha256_hex(bytes) : std::string(), bytes.size(), summary, err);
}

}  // namespace changegate::junit
