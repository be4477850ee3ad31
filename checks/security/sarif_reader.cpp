#include "checks/security/sarif_reader.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <string_view>

#include "checks/security/sarif_paths.h"
#include "checks/security/sarif_run.h"
#include "gates/util/chunked_input.h"

namespace changegate::sarif {

namespace {

using detail::Child;
using detail::child_of;
using detail::Frame;
using detail::item_of;
using detail::Role;
using detail::Want;

// A scalar as the handler sees it.
struct Scalar {
  enum Type { null, boolean, integer, floating, string } type;
  bool b = false;
  std::int64_t i = 0;
  double d = 0;
  std::string_view s;
  bool big = false;  // an unsigned integer past INT64_MAX
};

const char* type_name(Scalar::Type t) {
  switch (t) {
    case Scalar::null: return "null";
    case Scalar::boolean: return "a boolean";
    case Scalar::integer: return "an integer";
    case Scalar::floating: return "a number";
    case Scalar::string: return "a string";
  }
  return "a value";
}

constexpr std::size_t k_max_depth = 1000;

class Handler {
 public:
  Handler(const ReadOptions& options, LogSummary& out) : options_(options), out_(out) {}

  std::string error;  // "" while fine; the first problem stops the parse
  bool saw_runs = false;

  // RapidJSON's SAX handler concept.
  bool Null() { return scalar({Scalar::null}); }
  bool Bool(bool v) {
    Scalar s{Scalar::boolean};
    s.b = v;
    return scalar(s);
  }
  bool Int(int v) { return Int64(v); }
  bool Uint(unsigned v) { return Int64(v); }
  bool Int64(std::int64_t v) {
    Scalar s{Scalar::integer};
    s.i = v;
    s.d = static_cast<double>(v);
    return scalar(s);
  }
  bool Uint64(std::uint64_t v) {
    Scalar s{Scalar::integer};
    // Ids past 2^63 (mobsfscan) are legal JSON; they are clamped, never wrapped.
    s.big = v > static_cast<std::uint64_t>(INT64_MAX);
    s.i = s.big ? INT64_MAX : static_cast<std::int64_t>(v);
    s.d = static_cast<double>(v);
    return scalar(s);
  }
  bool Double(double v) {
    Scalar s{Scalar::floating};
    s.d = v;
    return scalar(s);
  }
  // Numbers arrive as text (kParseNumbersAsStringsFlag), so no JSON number is
  // too big: integers past int64 are clamped and flagged, never wrapped, and a
  // 400-digit id does not stop the read.
  bool RawNumber(const char* str, rapidjson::SizeType len, bool) {
    if (skip_ > 0) return true;
    const std::string_view text(str, len);
    Scalar s{Scalar::integer};
    if (text.find_first_of(".eE") == std::string_view::npos) {
      const auto [end, ec] = std::from_chars(str, str + len, s.i);
      if (ec == std::errc::result_out_of_range) {
        s.big = true;
        s.i = text[0] == '-' ? INT64_MIN : INT64_MAX;
      } else if (ec != std::errc() || end != str + len) {
        s.type = Scalar::floating;
      }
      s.d = static_cast<double>(s.i);
    } else {
      s.type = Scalar::floating;
    }
    if (s.type == Scalar::floating) s.d = std::strtod(std::string(text).c_str(), nullptr);
    return scalar(s);
  }
  bool String(const char* str, rapidjson::SizeType len, bool) {
    if (skip_ > 0) return true;
    Scalar s{Scalar::string};
    s.s = std::string_view(str, len);
    return scalar(s);
  }
  bool Key(const char* str, rapidjson::SizeType len, bool) {
    if (skip_ == 0) key_.assign(str, len);
    return true;
  }
  bool StartObject() { return enter(Want::object); }
  bool StartArray() { return enter(Want::array); }
  bool EndObject(rapidjson::SizeType) { return leave(); }
  bool EndArray(rapidjson::SizeType) { return leave(); }

 private:
  bool fail(const std::string& message) {
    if (error.empty()) error = message;
    return false;
  }

  // "runs[0].results[3]" for the container on top of the stack.
  std::string path() const {
    std::string p;
    for (std::size_t i = 1; i < stack_.size(); ++i) {
      const Frame& f = stack_[i];
      if (*f.key) p += (p.empty() ? "" : ".") + std::string(f.key);
      if (f.array && i + 1 < stack_.size()) p += "[" + std::to_string(f.items - 1) + "]";
    }
    return p;
  }
  // The path of the value being read now (a key of the top object or the top array's item).
  std::string here() const {
    std::string p = path();
    if (stack_.back().array) return p + "[" + std::to_string(stack_.back().items - 1) + "]";
    return p.empty() ? key_ : p + "." + key_;
  }

  bool enter(Want got) {
    if (stack_.size() + skip_ >= k_max_depth)
      return fail("JSON nested deeper than " + std::to_string(k_max_depth) + " levels");
    if (skip_ > 0) {
      ++skip_;
      return true;
    }
    if (stack_.empty()) {
      if (got != Want::object) return fail("not a SARIF log: the top level is not a JSON object");
      stack_.push_back({Role::root, false, ""});
      return true;
    }
    Frame& top = stack_.back();
    Child c;
    if (top.array) {
      ++top.items;
      c = item_of(top.role);
      // Only the first location places a finding.
      if (top.role == Role::locations && top.items > 1) c.known = false;
    } else {
      c = child_of(top.role, key_);
    }
    if (!c.known) {
      skip_ = 1;
      return true;
    }
    if (c.want != got)
      return fail(here() + " is " + (got == Want::object ? "an object" : "an array") +
                  ", expected " + (c.want == Want::object ? "an object" : "an array"));
    stack_.push_back({c.role, got == Want::array, top.array ? "" : c.name});
    opened(c.role);
    return true;
  }

  bool leave() {
    if (skip_ > 0) {
      --skip_;
      return true;
    }
    if (!closed(stack_.back().role)) return false;
    stack_.pop_back();
    return true;
  }

  bool scalar(const Scalar& v) {
    if (skip_ > 0) return true;
    if (stack_.empty()) return fail("not a SARIF log: the top level is not a JSON object");
    Frame& top = stack_.back();
    if (top.array) {
      ++top.items;
      if (item_of(top.role).known && v.type != Scalar::null)
        return fail(here() + " is " + type_name(v.type) + ", expected an object");
      return true;
    }
    const Child c = child_of(top.role, key_);
    if (c.known) {
      if (v.type == Scalar::null) return true;  // null stands for absent
      return fail(here() + " is " + type_name(v.type) + ", expected " +
                  (c.want == Want::object ? "an object" : "an array"));
    }
    return field(top.role, v);
  }

  // Reads a string field; null counts as absent, anything else is an error.
  bool text(const Scalar& v, std::string* out) {
    if (v.type == Scalar::null) return true;
    if (v.type != Scalar::string)
      return fail(here() + " is " + type_name(v.type) + ", expected a string");
    out->assign(v.s);
    return true;
  }
  bool integer(const Scalar& v, std::int64_t* out) {
    if (v.type == Scalar::null) return true;
    if (v.type != Scalar::integer)
      return fail(here() + " is " + type_name(v.type) + ", expected an integer");
    *out = v.i;
    return true;
  }
  bool level(const Scalar& v, std::optional<detail::Level>* out) {
    std::string s;
    if (!text(v, &s)) return false;
    if (v.type == Scalar::null) return true;
    *out = detail::parse_level(s);
    if (!*out)
      return fail(here() + " is \"" + s + "\", not a SARIF level (none, note, warning, error)");
    return true;
  }

  bool field(Role role, const Scalar& v) {
    const std::string& k = key_;
    switch (role) {
      case Role::root:
        if (k == "version") return text(v, &out_.version);
        return true;
      case Role::component:
        if (k == "guid" && v.type == Scalar::string)
          builder_->component_guid(component_, std::string(v.s));
        if (component_ >= 0) return true;
        if (k == "name") return text(v, &run().tool);
        if (k == "semanticVersion" || (k == "version" && run().tool_version.empty()))
          return text(v, &run().tool_version);
        return true;
      case Role::rule:
        if (k == "id") return text(v, &rule_->id);
        return true;
      case Role::rule_config:
        if (k == "level") return level(v, &rule_->default_level);
        return true;
      case Role::rule_props:
        if (k == "security-severity") return security_severity(v);
        return true;
      case Role::result: {
        detail::PendingResult& r = builder_->pending();
        if (k == "ruleId") return text(v, &r.rule_id);
        if (k == "ruleIndex") return integer(v, &r.rule_index);
        if (k == "level") return level(v, &r.level);
        if (k == "kind") {
          if (!text(v, &r.kind)) return false;
          static const char* const k_kinds[] = {"fail",          "pass",          "open",
                                                "informational", "notApplicable", "review"};
          for (const char* known : k_kinds)
            if (r.kind == known) return true;
          return r.kind.empty() || fail(here() + " is \"" + r.kind +
                                        "\", not a SARIF result kind (fail, pass, "
                                        "open, informational, notApplicable, review)");
        }
        if (k == "baselineState") return text(v, &r.baseline_state);
        return true;
      }
      case Role::result_rule: {
        detail::PendingResult& r = builder_->pending();
        if (k == "id" && r.rule_id.empty()) return text(v, &r.rule_id);
        if (k == "index" && r.rule_index < 0) return integer(v, &r.rule_index);
        return true;
      }
      case Role::result_rule_component:
        if (k == "index") return integer(v, &builder_->pending().component);
        if (k == "guid") return text(v, &builder_->pending().component_guid);
        return true;
      case Role::message:
        if (k == "text") return text(v, &builder_->pending().message);
        if (k == "id" && builder_->pending().message.empty())
          return text(v, &builder_->pending().message);
        return true;
      case Role::artifact:
        if (k == "uri") return text(v, &builder_->pending().uri);
        return true;
      case Role::region:
        if (k == "startLine") return integer(v, &builder_->pending().line);
        return true;
      case Role::suppression:
        if (k == "status") {
          std::string status;
          if (!text(v, &status)) return false;
          if (!status.empty() && status != "accepted") builder_->pending().all_accepted = false;
        }
        return true;
      case Role::fingerprints:
        if (v.type == Scalar::string && builder_->wants_identity())
          builder_->pending().fingerprints.emplace_back(k, std::string(v.s));
        return true;
      case Role::invocation:
        if (k == "executionSuccessful") {
          if (v.type != Scalar::boolean && v.type != Scalar::null)
            return fail(here() + " is " + type_name(v.type) + ", expected a boolean");
          if (v.type == Scalar::boolean && !v.b) execution_failed_ = true;
        }
        return true;
      case Role::notification:
        if (k == "level") return text(v, &note_level_);
        return true;
      case Role::notification_message:
        if (k == "text") return text(v, &note_text_);
        return true;
      case Role::override_descriptor:
        if (k == "id") return text(v, &override_->id);
        if (k == "index") return integer(v, &override_->index);
        return true;
      case Role::override_component:
        if (k == "index") return integer(v, &override_->component);
        return true;
      case Role::override_config:
        if (k == "level") return level(v, &override_->level);
        return true;
      default: return true;
    }
  }

  bool security_severity(const Scalar& v) {
    if (v.type == Scalar::integer || v.type == Scalar::floating) {
      rule_->security_severity = v.d;
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", v.d);
      rule_->security_severity_text = buf;
    } else if (v.type == Scalar::string) {
      const std::string text(v.s);
      char* end = nullptr;
      const double d = std::strtod(text.c_str(), &end);
      if (end != text.c_str() && *end == '\0' && std::isfinite(d)) {
        rule_->security_severity = d;
        rule_->security_severity_text = text;
      } else {
        run().warnings.push_back("rule " + rule_->id + ": security-severity \"" + text +
                                 "\" is not a number; its level decides");
      }
    }
    return true;
  }

  RunSummary& run() { return out_.runs.back(); }

  void opened(Role role) {
    switch (role) {
      case Role::runs: saw_runs = true; break;
      case Role::run:
        out_.runs.emplace_back();
        builder_ = std::make_unique<detail::RunBuilder>(options_, out_.runs.back());
        break;
      case Role::component:
        // The driver, or the n-th extension (rule.toolComponent.index counts these).
        component_ = stack_[stack_.size() - 2].role == Role::extensions
                         ? stack_[stack_.size() - 2].items - 1
                         : -1;
        break;
      case Role::rule: rule_ = &builder_->new_rule(component_); break;
      case Role::results: run().has_results = true; break;
      case Role::result: builder_->start_result(); break;
      case Role::suppression: ++builder_->pending().suppressions; break;
      case Role::invocation: execution_failed_ = false; break;
      case Role::notification:
        note_level_.clear();
        note_text_.clear();
        break;
      case Role::override: override_ = &builder_->new_override(); break;
      default: break;
    }
  }

  bool closed(Role role) {
    switch (role) {
      case Role::run:
        if (run().tool.empty()) run().tool = "(unnamed tool)";
        builder_->finish();
        builder_.reset();
        break;
      case Role::result: builder_->end_result(); break;
      case Role::invocation:
        if (execution_failed_)
          run().execution_errors.push_back("invocation " +
                                           std::to_string(stack_[stack_.size() - 2].items - 1) +
                                           " says executionSuccessful: false");
        break;
      case Role::notification:
        if (note_level_ == "error") {
          const std::string list = stack_[stack_.size() - 2].key;
          run().execution_errors.push_back(
              (list == "toolExecutionNotifications" ? "tool execution error: "
                                                    : "tool configuration error: ") +
              (note_text_.empty() ? std::string("(no message)") : note_text_));
        }
        break;
      default: break;
    }
    return true;
  }

  const ReadOptions& options_;
  LogSummary& out_;
  std::vector<Frame> stack_;
  std::string key_;
  std::size_t skip_ = 0;
  std::unique_ptr<detail::RunBuilder> builder_;
  std::int64_t component_ = -1;
  detail::Rule* rule_ = nullptr;
  detail::Override* override_ = nullptr;
  bool execution_failed_ = false;
  std::string note_level_, note_text_;
};

std::uint64_t line_at(const std::string& path, const std::string* bytes, std::uint64_t offset) {
  std::uint64_t line = 1;
  if (bytes) {
    for (std::uint64_t i = 0; i < offset && i < bytes->size(); ++i) line += (*bytes)[i] == '\n';
    return line;
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return 0;
  std::vector<char> buf(1 << 16);
  std::uint64_t seen = 0;
  while (seen < offset) {
    const std::size_t n = std::fread(buf.data(), 1, buf.size(), f);
    if (n == 0) break;
    for (std::size_t i = 0; i < n && seen < offset; ++i, ++seen) line += buf[i] == '\n';
  }
  std::fclose(f);
  return line;
}

bool parse(ChunkedInput& input, const std::string& name, const std::string* bytes,
           const ReadOptions& options, LogSummary* out, std::string* err) {
  LogSummary local;
  LogSummary& summary = out ? *out : local;
  summary = LogSummary{};
  Handler handler(options, summary);
  input.skip_bom();
  rapidjson::Reader reader;
  // The recursive parser is ~30% faster than the iterative one; its C++ stack
  // is bounded because the handler refuses nesting past k_max_depth before
  // the parser descends.
  const rapidjson::ParseResult result =
      reader.Parse<rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseValidateEncodingFlag>(
          input, handler);
  auto set_err = [&](const std::string& e) {
    if (err) *err = e;
    return false;
  };
  if (input.failed()) return set_err(name + ": cannot read: " + std::strerror(errno));
  if (result.IsError() || !handler.error.empty()) {
    const std::uint64_t line = line_at(name, bytes, result.Offset());
    if (result.Code() != rapidjson::kParseErrorTermination)
      return set_err(name + ":" + std::to_string(line) +
                     ": JSON syntax error: " + rapidjson::GetParseError_En(result.Code()) +
                     " (byte " + std::to_string(result.Offset()) + ")");
    return set_err(name + ":" + std::to_string(line) + ": " + handler.error);
  }
  // RapidJSON takes a NUL byte for the end of its input: whatever follows it
  // would be digested but never judged. The parse must cover every byte.
  if (!input.at_end())
    return set_err(name + ":" + std::to_string(line_at(name, bytes, input.Tell())) +
                   ": content after the end of the JSON document (byte " +
                   std::to_string(input.Tell()) + "): the whole file must be one SARIF log");
  if (summary.version.empty() || !handler.saw_runs)
    return set_err(name + ": not a SARIF log: no \"" +
                   std::string(summary.version.empty() ? "version" : "runs") +
                   "\" at the top level");
  if (summary.version != "2.1.0")
    return set_err(name + ": SARIF version " + summary.version +
                   " is not supported (changegate reads SARIF 2.1.0)");
  summary.bytes = input.total_bytes();
  summary.sha256 = input.hex_digest();
  return true;
}

}  // namespace

bool read_log(const std::string& path, const ReadOptions& options, LogSummary* out,
              std::string* err) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    if (err) *err = path + ": cannot read: " + std::strerror(errno);
    return false;
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(f, std::fclose);
  ChunkedInput input(f);
  return parse(input, path, nullptr, options, out, err);
}

bool read_log_bytes(const std::string& bytes, const std::string& display_name,
                    const ReadOptions& options, LogSummary* out, std::string* err) {
  ChunkedInput input(bytes.data(), bytes.size());
  return parse(input, display_name, &bytes, options, out, err);
}

}  // namespace changegate::sarif
