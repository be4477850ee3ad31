#include "gates/reportable.h"

#include <catch2/catch.hpp>

using namespace changegate;

TEST_CASE(
    "reportable: invalid UTF-8 in evidence text is replaced, said in the details, and the "
    "result dumps as JSON") {
  GateResult r;
  r.summary = "group Z\xFCrich differs";
  r.details = {{"groups", {"Z\xFCrich", "ok"}}, {"key\xFF", 1}};
  make_reportable(r, Secrets{});
  CHECK(r.summary == "group Z\xEF\xBF\xBDrich differs");
  CHECK(r.details["text_repaired"] ==
        "3 invalid UTF-8 sequence(s) in evidence text were replaced by U+FFFD");
  CHECK_NOTHROW(r.details.dump());
}

TEST_CASE("reportable: a 50 MB message is kept to a few KiB with its original size") {
  GateResult r;
  r.problems = {std::string(50 * 1024 * 1024, 'm')};
  make_reportable(r, Secrets{});
  CHECK(r.problems[0].size() < 2 * k_max_report_text);
  CHECK(r.problems[0].find("(truncated, 52428800 bytes)") != std::string::npos);
}

TEST_CASE("reportable: a registered secret is cut from every string of the result") {
  Secrets secrets;
  secrets.add("ghp_SECRET");
  GateResult r;
  r.summary = "GET https://api/x: HTTP 401: Bad credentials ghp_SECRET";
  r.details = {{"body", "{\"token\":\"ghp_SECRET\"}"}};
  r.compare("echo ghp_SECRET", "ghp_SECRET", "==", nullptr, false);
  make_reportable(r, secrets);
  nlohmann::json all = {r.summary, r.details, r.comparisons[0].name, r.comparisons[0].actual};
  CHECK(all.dump().find("ghp_SECRET") == std::string::npos);
}
