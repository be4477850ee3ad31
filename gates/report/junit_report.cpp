#include "gates/report/junit_report.h"

#include <cstdio>
#include <sstream>

namespace changegate {

namespace {

std::string xml_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // Control characters other than tab/newline are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
          out += ' ';
        else
          out += c;
    }
  }
  return out;
}

}  // namespace

std::string render_junit(const Evaluation& e) {
  int failures = 0, errors = 0, skipped = 0;
  std::int64_t total_ms = 0;
  for (const auto& g : e.gates) {
    failures += g.status == Status::fail;
    errors += g.status == Status::error;
    skipped += g.status == Status::skip || g.status == Status::waived;
    total_ms += g.duration_ms;
  }
  auto seconds = [](std::int64_t ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", ms / 1000.0);
    return std::string(buf);
  };
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"changegate\" tests=\"" << e.gates.size() << "\" failures=\""
      << failures << "\" errors=\"" << errors << "\" skipped=\"" << skipped << "\" time=\""
      << seconds(total_ms) << "\">\n";
  out << "  <testsuite name=\"changegate " << xml_escape(e.change.id) << "\" tests=\""
      << e.gates.size() << "\" failures=\"" << failures << "\" errors=\"" << errors
      << "\" skipped=\"" << skipped << "\" time=\"" << seconds(total_ms) << "\" timestamp=\""
      << format_timestamp(e.evaluated_at) << "\">\n";
  for (const auto& g : e.gates) {
    out << "    <testcase classname=\"changegate." << xml_escape(g.kind) << "\" name=\""
        << xml_escape(g.id) << "\" time=\"" << seconds(g.duration_ms) << "\"";
    std::string body;
    for (const auto& problem : g.problems) body += problem + "\n";
    const std::string tag = g.status == Status::fail                                 ? "failure"
                            : g.status == Status::error                              ? "error"
                            : g.status == Status::skip || g.status == Status::waived ? "skipped"
                                                                                     : "";
    if (tag.empty()) {
      out << "/>\n";
      continue;
    }
    out << ">\n      <" << tag << " message=\"" << xml_escape(g.summary) << "\"";
    if (tag != "skipped") out << " type=\"" << (g.blocks() ? "blocking" : "non-blocking") << "\"";
    if (body.empty()) {
      out << "/>\n";
    } else {
      out << ">" << xml_escape(body) << "</" << tag << ">\n";
    }
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
  return out.str();
}

}  // namespace changegate
