#include "gates/net/scrub.h"

#include <catch2/catch.hpp>

#include "gates/evaluation.h"

using namespace changegate;

TEST_CASE("secrets: every occurrence of every secret is redacted, longest first") {
  Secrets s;
  s.add("tok123");
  s.add("tok123-long");
  CHECK(s.scrub("Bearer tok123-long and tok123 again") == "Bearer [redacted] and [redacted] again");
  CHECK(s.scrub("nothing secret") == "nothing secret");
}

TEST_CASE("secrets: an empty secret is ignored (it would match everywhere)") {
  Secrets s;
  s.add("");
  CHECK(s.empty());
  CHECK(s.scrub("text") == "text");
}

TEST_CASE("secrets: basic auth registers the password and its Base64 header form") {
  Secrets s;
  s.add_basic_auth("user:hunter2");
  CHECK(s.scrub("401 for dXNlcjpodW50ZXIy") == "401 for [redacted]");
  CHECK(s.scrub("password hunter2") == "password [redacted]");
}

TEST_CASE("secrets: a gate result is scrubbed in summary, problems, details and comparisons") {
  Secrets s;
  s.add("sekrit");
  GateResult r;
  r.summary = "HTTP 401: invalid token sekrit";
  r.problems = {"body: sekrit"};
  r.details = {{"error", "echo sekrit"}, {"nested", {{"sekrit", {"a sekrit b"}}}}};
  r.compare("sekrit", "sekrit", "==", "x", false);
  s.scrub(r);
  const std::string all = r.summary + r.problems[0] + r.details.dump() + r.comparisons[0].name +
                          r.comparisons[0].actual.dump();
  CHECK(all.find("sekrit") == std::string::npos);
  CHECK(r.summary == "HTTP 401: invalid token [redacted]");
}
