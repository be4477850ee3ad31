#include "gates/reportable.h"

#include "gates/util/json_strings.h"
#include "gates/util/utf8.h"

namespace changegate {

namespace {

class Cleaner {
 public:
  explicit Cleaner(const Secrets& secrets) : secrets_(secrets) {}

  std::string text(const std::string& in) {
    std::size_t replaced = 0;
    std::string out = to_valid_utf8(secrets_.scrub(in), &replaced);
    repaired_ += replaced;
    return cap_text(std::move(out), k_max_report_text);
  }

  void json(nlohmann::json& value) {
    rewrite_json_strings(value, [this](const std::string& s) { return text(s); });
  }

  std::size_t repaired() const { return repaired_; }

 private:
  const Secrets& secrets_;
  std::size_t repaired_ = 0;
};

}  // namespace

void make_reportable(GateResult& r, const Secrets& secrets) {
  Cleaner clean(secrets);
  r.summary = clean.text(r.summary);
  for (auto& p : r.problems) p = clean.text(p);
  clean.json(r.details);
  for (auto& c : r.comparisons) {
    c.name = clean.text(c.name);
    clean.json(c.actual);
    clean.json(c.expected);
    clean.json(c.tolerance);
  }
  for (auto& e : r.evidence) e.path = clean.text(e.path);
  if (clean.repaired() > 0 && r.details.is_object())
    r.details["text_repaired"] =
        std::to_string(clean.repaired()) +
        " invalid UTF-8 sequence(s) in evidence text were replaced by U+FFFD";
}

}  // namespace changegate
