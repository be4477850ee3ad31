#include "gates/report/render.h"

#include <fstream>

#include "gates/error.h"
#include "gates/report/json_report.h"
#include "gates/report/junit_report.h"
#include "gates/report/template_report.h"
#include "gates/report/text_report.h"
#include "gates/util/strings.h"
#include "gates/util/utf8.h"

namespace changegate {

namespace {

// Gate results were made valid UTF-8 by the engine (gates/reportable.h), but
// other text reaches a report too: file paths from git (blast radius files,
// risk reasons quoting them), a branch name or $CHANGEGATE_CHANGE_ID as the
// change id, the repository root. Any of these may be any bytes, and the
// JSON writer refuses invalid UTF-8, so every string is repaired here, at
// the one entry all renderings share.
class Repair {
 public:
  void text(std::string& s) {
    if (is_valid_utf8(s)) return;
    std::size_t n = 0;
    s = to_valid_utf8(s, &n);
    replaced_ += n;
  }
  void texts(std::vector<std::string>& items) {
    for (auto& s : items) text(s);
  }
  void json(nlohmann::json& value) {
    if (value.is_string()) {
      text(value.get_ref<std::string&>());
    } else if (value.is_array()) {
      for (auto& item : value) json(item);
    } else if (value.is_object()) {
      nlohmann::json out = nlohmann::json::object();
      for (auto& [key, item] : value.items()) {
        std::string k = key;
        text(k);
        json(item);
        out[k] = std::move(item);
      }
      value = std::move(out);
    }
  }
  std::size_t replaced() const { return replaced_; }

 private:
  std::size_t replaced_ = 0;
};

void repair_change(ChangeRecord& c, Repair& r) {
  for (std::string* s :
       {&c.path, &c.sha256, &c.id, &c.id_source, &c.title, &c.type, &c.author, &c.summary})
    r.text(*s);
  r.texts(c.tickets);
  r.texts(c.fixes);
  if (c.rollback) {
    for (std::string* s : {&c.rollback->plan, &c.rollback->runbook, &c.rollback->down_migration})
      r.text(*s);
    r.texts(c.rollback->steps);
  }
  for (auto& a : c.approvals) {
    r.text(a.by);
    r.text(a.commit);
  }
}

void repair_gate(GateResult& g, Repair& r) {
  for (std::string* s : {&g.id, &g.kind, &g.summary}) r.text(*s);
  r.texts(g.problems);
  r.json(g.details);
  for (auto& c : g.comparisons) {
    r.text(c.name);
    r.text(c.op);
    r.json(c.actual);
    r.json(c.expected);
    r.json(c.tolerance);
  }
  for (auto& e : g.evidence) {
    r.text(e.path);
    r.text(e.sha256);
  }
  if (g.waiver) {
    r.text(g.waiver->reason);
    r.text(g.waiver->approved_by);
  }
}

// `e` with every string valid UTF-8; `*replaced` counts the replacements.
Evaluation repaired(const Evaluation& e, std::size_t* replaced) {
  Evaluation out = e;
  Repair r;
  r.text(out.tool_version);
  repair_change(out.change, r);
  for (std::string* s : {&out.repo.root, &out.repo.head, &out.repo.base, &out.repo.base_rule,
                         &out.config_path, &out.config_sha256, &out.risk_not_assessed})
    r.text(*s);
  for (auto& g : out.gates) repair_gate(g, r);
  if (out.risk)
    for (auto& f : out.risk->factors) {
      r.text(f.name);
      r.text(f.reason);
    }
  if (out.blast_radius) {
    for (auto& c : out.blast_radius->components) {
      r.text(c.id);
      r.texts(c.data);
      r.texts(c.files);
    }
    for (auto& d : out.blast_radius->downstream) {
      r.text(d.id);
      r.texts(d.data);
      r.texts(d.via);
    }
    r.texts(out.blast_radius->gate_inputs);
  }
  *replaced = r.replaced();
  return out;
}

// The evaluation JSON, saying when text outside the gate results (which
// say so in their own details) had to be repaired.
nlohmann::json evaluation_json(const Evaluation& e, std::size_t replaced) {
  nlohmann::json j = evaluation_to_json(e);
  if (replaced > 0)
    j["text_repaired"] = std::to_string(replaced) +
                         " invalid UTF-8 sequence(s) in file names, the change or the "
                         "repository were replaced by U+FFFD";
  return j;
}

}  // namespace

std::optional<Format> parse_format(const std::string& name) {
  if (name == "text") return Format::text;
  if (name == "json") return Format::json;
  if (name == "markdown") return Format::markdown;
  if (name == "html") return Format::html;
  if (name == "junit") return Format::junit;
  return std::nullopt;
}

Format format_for_extension(const std::string& path) {
  if (ends_with(path, ".json")) return Format::json;
  if (ends_with(path, ".xml")) return Format::junit;
  if (ends_with(path, ".md")) return Format::markdown;
  if (ends_with(path, ".html") || ends_with(path, ".htm")) return Format::html;
  throw Error("-o " + path +
              ": cannot tell the format from the extension (use .json, .md, .html or .xml)");
}

void check_template_dir(const std::string& template_dir, const std::vector<Format>& formats) {
  if (template_dir.empty()) return;
  for (const Format f : formats) {
    if (f == Format::markdown) require_template(template_dir, TemplateFormat::markdown);
    if (f == Format::html) require_template(template_dir, TemplateFormat::html);
  }
}

void render(const Evaluation& evaluation, Format format, std::ostream& out,
            const RenderOptions& options) {
  std::size_t replaced = 0;
  const Evaluation e = repaired(evaluation, &replaced);
  switch (format) {
    case Format::text: out << render_text(e, TextOptions{options.color}); return;
    case Format::json: out << evaluation_json(e, replaced).dump(2) << "\n"; return;
    case Format::junit: out << render_junit(e); return;
    case Format::markdown:
      out << render_template_report(evaluation_json(e, replaced), TemplateFormat::markdown,
                                    options.template_dir);
      return;
    case Format::html:
      out << render_template_report(evaluation_json(e, replaced), TemplateFormat::html,
                                    options.template_dir);
      return;
  }
}

void render_to_file(const Evaluation& evaluation, Format format, const std::string& path,
                    const RenderOptions& options) {
  std::ofstream out(path, std::ios::binary);
  render(evaluation, format, out, options);
  if (!out.flush()) throw Error("-o " + path + ": cannot write the report");
}

}  // namespace changegate
