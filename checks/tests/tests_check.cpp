#include "checks/tests/tests_check.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <string_view>
#include <unordered_set>

#include "checks/tests/junit_reader.h"
#include "gates/evidence.h"
#include "gates/util/glob.h"
#include "gates/util/strings.h"

namespace changegate {

const std::vector<GateKey> k_tests_keys = {
    {"reports", "globs", "JUnit XML reports, relative to the repo root (\"**\" allowed)"},
    {"max_failures", "integer", "failed or errored tests allowed (default 0)"},
    {"min_tests", "integer", "fewest test cases that must have run (default 1)"},
    {"max_skipped_ratio", "number", "largest share of skipped tests, 0 to 1"},
    {"require_suites", "strings", "suites that must be present, by suite name or file glob"},
    {"quarantine", "array of tables", "{ id, expires, reason }: known-bad tests, reported only"},
    {"max_age", "duration", "evidence older than the head commit by more than this is stale"},
};

namespace {

struct Quarantine {
  std::string id;  // exact test id or a glob
  Timestamp expires = 0;
  std::string reason;
};

struct TestsOptions {
  std::vector<std::string> reports;
  std::int64_t max_failures = 0;
  std::int64_t min_tests = 1;
  std::optional<double> max_skipped_ratio;
  std::vector<std::string> require_suites;
  std::vector<Quarantine> quarantine;
  std::optional<std::int64_t> max_age;
};

constexpr std::size_t k_max_listed = 50;
constexpr std::size_t k_slowest = 10;

std::string test_id(const junit::TestCase& c) {
  return c.classname.empty() ? c.name : c.classname + "." + c.name;
}

std::uint64_t id_hash(std::string_view id) {
  return std::hash<std::string_view>{}(id);
}

struct FailedTest {
  junit::TestCase test_case;
  std::string report;
};

// Gathers outcomes over every report. Passing tests are remembered only by a
// 64-bit hash of their id (8 MB for a million), matched against the failing
// ids (few, kept whole) once at the end; a case costs no allocation unless it
// fails, is flaky or is among the slowest.
class Tally : public junit::Sink {
 public:
  std::string current_report;
  std::int64_t tests = 0, passed = 0, failed_runs = 0, errored_runs = 0, skipped = 0;
  std::map<std::string, std::vector<FailedTest>> failed;             // by test id
  std::vector<std::uint64_t> passed_ids;                             // id hashes, in report order
  std::vector<std::pair<std::string, std::string>> flaky_in_report;  // id, report
  std::vector<std::pair<double, std::string>> slowest;               // min-heap of k_slowest
  // Cases per suite name within each report, so a requirement matched by
  // both a report's path and its suite name counts those cases once.
  std::map<std::string, std::map<std::string, std::int64_t>> suites_per_report;
  std::map<std::string, std::int64_t>* current_suites = nullptr;

  void start_report(const std::string& report) {
    current_report = report;
    current_suites = &suites_per_report[report];
    last_suite_count_ = nullptr;
  }

  void on_test_case(const junit::TestCase& c) override {
    ++tests;
    count_suite(c.suite);
    switch (c.outcome) {
      case junit::Outcome::passed:
        ++passed;
        passed_ids.push_back(id_hash(id_of(c)));
        if (c.flaky_reruns > 0) flaky_in_report.emplace_back(test_id(c), current_report);
        break;
      case junit::Outcome::failed:
      case junit::Outcome::errored:
        (c.outcome == junit::Outcome::failed ? failed_runs : errored_runs)++;
        failed[test_id(c)].push_back({c, current_report});
        break;
      case junit::Outcome::skipped: ++skipped; break;
    }
    auto cmp = [](const auto& a, const auto& b) { return a.first > b.first; };
    if (slowest.size() < k_slowest || c.seconds > slowest.front().first) {
      slowest.emplace_back(c.seconds, test_id(c));
      std::push_heap(slowest.begin(), slowest.end(), cmp);
      if (slowest.size() > k_slowest) {
        std::pop_heap(slowest.begin(), slowest.end(), cmp);
        slowest.pop_back();
      }
    }
  }

  // The hashes of the failing ids that also passed somewhere.
  std::unordered_set<std::uint64_t> failed_ids_that_passed() const {
    std::unordered_set<std::uint64_t> failing, found;
    for (const auto& entry : failed) failing.insert(id_hash(entry.first));
    if (failing.empty()) return found;
    // A one-bit-per-slot filter in front of the set: most passing ids miss it,
    // which is much cheaper than a hash-set probe per passing case.
    constexpr std::uint64_t k_filter_bits = 1 << 20;
    std::vector<bool> filter(k_filter_bits);
    for (const std::uint64_t id : failing) filter[id % k_filter_bits] = true;
    for (const std::uint64_t id : passed_ids)
      if (filter[id % k_filter_bits] && failing.count(id)) found.insert(id);
    return found;
  }

 private:
  // test_id(c) in a buffer reused from case to case.
  std::string_view id_of(const junit::TestCase& c) {
    if (c.classname.empty()) return c.name;
    id_buffer_.assign(c.classname);
    id_buffer_.push_back('.');
    id_buffer_.append(c.name);
    return id_buffer_;
  }

  // Cases come suite by suite, so the last suite's counter usually takes the
  // next one too; a new report starts afresh (start_report).
  void count_suite(const std::string& suite) {
    if (!last_suite_count_ || suite != last_suite_) {
      last_suite_count_ = &(*current_suites)[suite];
      last_suite_ = suite;
    }
    ++*last_suite_count_;
  }

  std::string id_buffer_;
  std::string last_suite_;
  std::int64_t* last_suite_count_ = nullptr;  // in *current_suites (map nodes do not move)
};

// When the file at `path` was last modified; nullopt when it cannot be stat()ed.
std::optional<Timestamp> file_mtime(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return std::nullopt;
  return static_cast<Timestamp>(st.st_mtime);
}

// What gather() learnt besides the cases: what could not be read and how old
// the evidence is.
struct ReadReports {
  std::size_t files = 0;                // reports found, read or not
  std::vector<std::string> unreadable;  // evidence that could not be read or judged
  std::optional<Timestamp> evidence_time;
  std::string evidence_time_source;
};

// The failing ids sorted into flaky, quarantined and failed.
struct Classified {
  nlohmann::json failures = nlohmann::json::array();  // the first k_max_listed
  nlohmann::json flaky = nlohmann::json::array();
  nlohmann::json quarantined = nlohmann::json::array();
  std::int64_t failed_tests = 0;
};

class TestsCheck : public Check {
 public:
  explicit TestsCheck(TestsOptions options) : options_(std::move(options)) {}

  void evaluate(const CheckContext& ctx, GateResult& r) const override {
    Tally tally;
    ReadReports read = gather(ctx, tally, r);
    const Classified c = classify(ctx, tally, r);
    describe(tally, c, r);
    const bool failed = decide(ctx, tally, c, read, r);
    r.details["unreadable"] = read.unreadable;
    const std::string counts =
        std::to_string(tally.tests) + " tests, " + std::to_string(c.failed_tests) + " failed, " +
        std::to_string(tally.skipped) + " skipped, " + std::to_string(c.flaky.size()) + " flaky";
    r.conclude(
        {failed, read.unreadable, counts + ": " + first_failed_comparison(r),
         read.unreadable.empty() ? "" : "could not read all evidence: " + read.unreadable.front(),
         counts + " in " + plural(static_cast<std::int64_t>(read.files), "report")});
  }

 private:
  // Finds and streams every report into the tally; records evidence,
  // details.reports and the time of the oldest report.
  ReadReports gather(const CheckContext& ctx, Tally& tally, GateResult& r) const {
    FoundEvidence found = find_evidence(ctx.repo.root, "reports", options_.reports);
    ReadReports read;
    read.files = found.files.size();
    read.unreadable = std::move(found.problems);
    nlohmann::json reports = nlohmann::json::array();
    for (const auto& file : found.files) {
      tally.start_report(file.shown);
      junit::ReportSummary summary;
      std::string err;
      if (!junit::read_report(file.full, tally, &summary, &err)) {
        read.unreadable.push_back(shown_message(err, file));
        continue;
      }
      r.evidence.push_back({file.shown, summary.sha256, summary.bytes});
      reports.push_back({{"path", file.shown},
                         {"tests", summary.test_cases},
                         {"root", summary.root},
                         {"suites", summary.suite_names.size()}});
      note_report_time(file, summary, read);
    }
    r.details["reports"] = reports;
    return read;
  }

  // Keeps the oldest report's time, from its timestamp attributes or else
  // from the file's modification time: the oldest report decides staleness.
  static void note_report_time(const EvidencePath& file, const junit::ReportSummary& summary,
                               ReadReports& read) {
    std::optional<Timestamp> t;
    if (!summary.latest_timestamp.empty()) t = parse_timestamp(summary.latest_timestamp);
    std::string source = "timestamp attribute";
    // Year-0001 or 1970 stamps (gotestsum, Jest) carry no information.
    if (!t || *t < 86400 * 365) {
      t = file_mtime(file.full);
      source = "file modification time";
    }
    if (t && (!read.evidence_time || *t < *read.evidence_time)) {
      read.evidence_time = t;
      read.evidence_time_source = file.shown + " (" + source + ")";
    }
  }

  // Classifies every failing id: flaky if the same id also passed,
  // quarantined if an unexpired quarantine entry names it, failed otherwise.
  Classified classify(const CheckContext& ctx, const Tally& tally, GateResult& r) const {
    Classified c;
    const std::unordered_set<std::uint64_t> also_passed = tally.failed_ids_that_passed();
    for (const auto& [id, runs] : tally.failed) {
      const FailedTest& first = runs.front();
      if (also_passed.count(id_hash(id))) {
        c.flaky.push_back({{"id", id},
                           {"report", first.report},
                           {"failed_runs", runs.size()},
                           {"message", first.test_case.message}});
        continue;
      }
      if (const Quarantine* q = quarantine_for(id)) {
        if (ctx.now < q->expires) {
          c.quarantined.push_back(
              {{"id", id}, {"reason", q->reason}, {"expires", format_date(q->expires)}});
          continue;
        }
        r.problems.push_back("quarantine of " + id + " expired on " + format_date(q->expires) +
                             ": its failure counts");
      }
      ++c.failed_tests;
      if (c.failures.size() < k_max_listed) c.failures.push_back(describe_failure(id, first));
    }
    for (const auto& [id, report] : tally.flaky_in_report)
      c.flaky.push_back({{"id", id},
                         {"report", report},
                         {"failed_runs", 0},
                         {"message", "passed on rerun (flakyFailure)"}});
    return c;
  }

  // Records the totals, the classified tests and the slowest ones in details.
  static void describe(const Tally& tally, const Classified& c, GateResult& r) {
    auto slowest_first = tally.slowest;
    std::sort(slowest_first.begin(), slowest_first.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    nlohmann::json slowest = nlohmann::json::array();
    for (const auto& [seconds, id] : slowest_first)
      slowest.push_back({{"id", id}, {"seconds", seconds}});
    r.details["totals"] = {{"tests", tally.tests},
                           {"passed", tally.passed},
                           {"failed", c.failed_tests},
                           {"failed_runs", tally.failed_runs},
                           {"errored_runs", tally.errored_runs},
                           {"skipped", tally.skipped},
                           {"flaky", c.flaky.size()},
                           {"quarantined", c.quarantined.size()}};
    r.details["failures"] = c.failures;
    const auto listed = static_cast<std::int64_t>(c.failures.size());
    if (c.failed_tests > listed) r.details["failures_not_listed"] = c.failed_tests - listed;
    r.details["flaky"] = c.flaky;
    r.details["quarantined"] = c.quarantined;
    r.details["slowest"] = slowest;
  }

  // The decisions, each with its numbers; true when a known failure was
  // found. Failed tests that were read are known failures; the totals-based
  // checks (min_tests, required suites, skipped ratio) mean something only
  // when every report was read.
  bool decide(const CheckContext& ctx, const Tally& tally, const Classified& c, ReadReports& read,
              GateResult& r) const {
    const bool complete = read.unreadable.empty();
    bool known_failure = false;
    if (!r.compare("failed tests", c.failed_tests, "<=", options_.max_failures,
                   c.failed_tests <= options_.max_failures)) {
      known_failure = true;
      for (const auto& f : c.failures) r.problems.push_back(failure_line(f));
    }
    if (!r.compare("test cases", tally.tests, ">=", options_.min_tests,
                   tally.tests >= options_.min_tests)) {
      known_failure = known_failure || complete;
      r.problems.push_back(tally.tests == 0 ? "the reports contain no test cases"
                                            : "only " + std::to_string(tally.tests) +
                                                  " test cases ran; min_tests is " +
                                                  std::to_string(options_.min_tests));
    }
    if (options_.max_skipped_ratio) {
      const double ratio = tally.tests ? static_cast<double>(tally.skipped) / tally.tests : 0.0;
      if (!r.compare("skipped ratio", ratio, "<=", *options_.max_skipped_ratio,
                     ratio <= *options_.max_skipped_ratio)) {
        known_failure = known_failure || complete;
        r.problems.push_back(std::to_string(tally.skipped) + " of " + std::to_string(tally.tests) +
                             " tests skipped, over max_skipped_ratio");
      }
    }
    if (!check_suites(tally, r)) known_failure = known_failure || complete;
    if (!check_age(ctx, read, r)) known_failure = true;
    return known_failure;
  }

  // The quarantine entry naming `id` (exactly or by glob), or nullptr.
  const Quarantine* quarantine_for(const std::string& id) const {
    for (const auto& q : options_.quarantine)
      if (q.id == id || glob_match(q.id, id)) return &q;
    return nullptr;
  }

  static nlohmann::json describe_failure(const std::string& id, const FailedTest& f) {
    const junit::TestCase& c = f.test_case;
    nlohmann::json j = {{"id", id},
                        {"suite", c.suite},
                        {"classname", c.classname},
                        {"name", c.name},
                        {"outcome", c.outcome == junit::Outcome::errored ? "error" : "failure"},
                        {"message", c.message},
                        {"type", c.type},
                        {"report", f.report},
                        {"report_line", c.report_line}};
    if (!c.file.empty()) j["file"] = c.file;
    if (c.line > 0) j["line"] = c.line;
    return j;
  }

  static std::string failure_line(const nlohmann::json& f) {
    std::string where = f.contains("file") ? f["file"].get<std::string>() : "";
    if (!where.empty() && f.contains("line")) where += ":" + std::to_string(f["line"].get<int>());
    if (where.empty())
      where = f["report"].get<std::string>() + ":" + std::to_string(f["report_line"].get<int>());
    std::string line =
        f["id"].get<std::string>() + " " + f["outcome"].get<std::string>() + " at " + where;
    const std::string message = f["message"].get<std::string>();
    if (!message.empty()) line += ": " + message;
    return line;
  }

  static std::string first_failed_comparison(const GateResult& r) {
    for (const auto& c : r.comparisons)
      if (!c.ok)
        return c.name + " " + c.actual.dump() + " (need " + c.op + " " + c.expected.dump() + ")";
    return "";
  }

  // Returns false when a required suite is missing.
  bool check_suites(const Tally& tally, GateResult& r) const {
    bool all = true;
    nlohmann::json found = nlohmann::json::object();
    for (const auto& required : options_.require_suites) {
      std::int64_t cases = 0;
      const std::string want = lower(required);
      for (const auto& [file, suites] : tally.suites_per_report) {
        bool file_matches = glob_match(required, file);
        // "unit" also names reports/unit/... and unit.xml: a directory or file stem.
        for (const auto& part : std::filesystem::path(file))
          file_matches = file_matches || lower(part.stem().string()) == want;
        for (const auto& [suite, n] : suites)
          if (file_matches || lower(suite) == want || glob_match(required, suite)) cases += n;
      }
      found[required] = cases;
      if (!r.compare("suite \"" + required + "\" test cases", cases, ">=", 1, cases >= 1)) {
        all = false;
        r.problems.push_back("required suite \"" + required +
                             "\" is missing (no suite name or report path matches it with tests)");
      }
    }
    if (!options_.require_suites.empty()) r.details["required_suites"] = found;
    return all;
  }

  // Returns false when the evidence is stale. When max_age is set but there
  // is no head commit to compare with, that is added to read.unreadable.
  bool check_age(const CheckContext& ctx, ReadReports& read, GateResult& r) const {
    if (!options_.max_age) return true;
    if (!ctx.repo.is_git || ctx.repo.head_time == 0) {
      read.unreadable.push_back(
          "max_age is set but there is no head commit to compare the evidence with");
      return true;
    }
    if (!read.evidence_time) return true;  // no readable report: already an error
    const Timestamp evidence_time = *read.evidence_time;
    const std::int64_t lag = ctx.repo.head_time - evidence_time;
    r.details["evidence_time"] = {{"time", format_timestamp(evidence_time)},
                                  {"from", read.evidence_time_source},
                                  {"head_commit_time", format_timestamp(ctx.repo.head_time)}};
    if (r.compare("evidence age behind head commit (s)", lag, "<=", *options_.max_age,
                  lag <= *options_.max_age))
      return true;
    r.problems.push_back("stale evidence: " + read.evidence_time_source + " is from " +
                         format_timestamp(evidence_time) + ", older than the head commit (" +
                         format_timestamp(ctx.repo.head_time) + ") by more than max_age " +
                         format_duration(*options_.max_age));
    return false;
  }

  TestsOptions options_;
};

}  // namespace

std::unique_ptr<Check> load_tests_check(const TableReader& gate) {
  TestsOptions o;
  o.reports = evidence_globs(gate, "reports", "JUnit XML globs");
  o.max_failures = gate.integer("max_failures", 0).value_or(0);
  o.min_tests = gate.integer("min_tests", 1).value_or(1);
  o.max_skipped_ratio = gate.number("max_skipped_ratio", 0.0, 1.0);
  o.require_suites = gate.string_list("require_suites");
  for (const auto& q : gate.table_list("quarantine", "quarantine")) {
    q.allow_only({"id", "expires", "reason"});
    Quarantine entry;
    entry.id = q.required_string("id");
    auto expires = q.time("expires");
    if (!expires) q.fail(q.node(), "missing required key \"expires\": quarantine must end");
    entry.expires = *expires;
    entry.reason = q.string("reason").value_or("");
    o.quarantine.push_back(std::move(entry));
  }
  o.max_age = gate.duration("max_age");
  return std::make_unique<TestsCheck>(std::move(o));
}

}  // namespace changegate
