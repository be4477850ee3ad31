#include "checks/tests/tests_check.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "checks/tests/junit_reader.h"
#include "gates/evidence.h"
#include "gates/util/glob.h"
#include "gates/util/strings.h"

namespace changegate {

const std::vector<GateKey> k_tests_keys = {
    {"reports", "globs", "JUnit XML reports, relative to the repo root (\"**\" allowed)"},
    {"max_failures", "integer", "failed or errored tests allowed (default 0)"},
    {"min_tests", "integer",
     "fewest test cases that must have run, skipped ones not counted (default 1); each report "
     "must hold at least one"},
    {"max_skipped_ratio", "number", "largest share of skipped tests, 0 to 1"},
    {"require_suites", "strings", "suites that must be present, by suite name or file glob"},
    {"quarantine", "array of tables", "{ id, expires, reason }: known-bad tests, reported only"},
    {"max_age", "duration", "evidence older than the head commit by more than this is stale"},
    {"rerun_reports", "globs", "reports that are reruns: their passes make earlier failures flaky"},
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
  std::vector<std::string> rerun_reports;
};

constexpr std::size_t k_max_listed = 50;
constexpr std::size_t k_slowest = 10;
// How far a report's timestamp may run ahead of the run's clock (clock skew)
// before it is "in the future"; a timestamp without a zone is local time
// somewhere, up to 14 hours ahead of UTC, so it gets that much more.
constexpr std::int64_t k_clock_skew = 5 * 60;
constexpr std::int64_t k_max_utc_offset = 14 * 3600;
constexpr std::uint64_t k_filter_bits = 1 << 20;

// A test's identity: classname and name, never their concatenation (class
// "a" + name "b" is not class "" + name "a.b").
using TestKey = std::pair<std::string, std::string>;

// How the id is shown and matched against quarantine entries.
std::string test_id(const std::string& classname, const std::string& name) {
  return classname.empty() ? name : classname + "." + name;
}
std::string test_id(const junit::TestCase& c) {
  return test_id(c.classname, c.name);
}

// splitmix64's finaliser: every input bit moves every output bit.
std::uint64_t mix(std::uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A 64-bit hash of the (classname, name) pair: each part hashed on its own,
// then combined in order, so no split of the same characters collides and no
// string is built per case.
std::uint64_t id_hash(std::string_view classname, std::string_view name) {
  return mix(mix(std::hash<std::string_view>{}(classname)) + std::hash<std::string_view>{}(name));
}
std::uint64_t id_hash(const TestKey& key) {
  return id_hash(key.first, key.second);
}

struct FailedTest {
  junit::TestCase test_case;
  std::size_t report = 0;  // index into Tally::reports
  std::string report_shown;
};

// One report as the tally saw it.
struct ReportTally {
  std::string shown;
  bool readable = true;      // false: read_report failed part-way
  bool named_rerun = false;  // matched by rerun_reports
  std::int64_t tests = 0, skipped = 0;
  std::size_t passed_begin = 0, passed_end = 0;  // its range of Tally::passed_ids
};

// Gathers outcomes over every report. Passing tests are remembered only by a
// 64-bit hash of their id (8 MB for a million), matched against the failing
// ids (few, kept whole) once at the end; a case costs no allocation unless it
// fails, is flaky or is among the slowest.
class Tally : public junit::Sink {
 public:
  std::int64_t tests = 0, passed = 0, failed_runs = 0, errored_runs = 0, skipped = 0;
  std::vector<ReportTally> reports;
  std::map<TestKey, std::vector<FailedTest>> failed;
  std::vector<std::uint64_t> passed_ids;                             // id hashes, in report order
  std::vector<std::pair<std::string, std::string>> flaky_in_report;  // id, report
  std::vector<std::pair<double, std::string>> slowest;               // min-heap of k_slowest
  // Cases per suite name within each report, so a requirement matched by
  // both a report's path and its suite name counts those cases once.
  std::map<std::string, std::map<std::string, std::int64_t>> suites_per_report;
  std::map<std::string, std::int64_t>* current_suites = nullptr;

  void start_report(const std::string& report, bool named_rerun) {
    reports.push_back({report, true, named_rerun, 0, 0, passed_ids.size(), passed_ids.size()});
    current_suites = &suites_per_report[report];
    last_suite_count_ = nullptr;
  }
  void end_report(bool readable) {
    reports.back().readable = readable;
    reports.back().passed_end = passed_ids.size();
  }

  void on_test_case(const junit::TestCase& c) override {
    ReportTally& report = reports.back();
    ++tests;
    ++report.tests;
    count_suite(c.suite);
    switch (c.outcome) {
      case junit::Outcome::passed:
        ++passed;
        passed_ids.push_back(id_hash(c.classname, c.name));
        if (c.flaky_reruns > 0) flaky_in_report.emplace_back(test_id(c), report.shown);
        break;
      case junit::Outcome::failed:
      case junit::Outcome::errored:
        (c.outcome == junit::Outcome::failed ? failed_runs : errored_runs)++;
        failed[{c.classname, c.name}].push_back({c, reports.size() - 1, report.shown});
        break;
      case junit::Outcome::skipped:
        ++skipped;
        ++report.skipped;
        break;
    }
    if (!c.seconds_known) return;  // an unknown duration is not among the slowest
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

  // The hashes of the failing ids that passed in a report that counts as
  // their rerun: the report where they failed (a rerun appended to the
  // suite), or a rerun report. A pass in any other report is another leg of
  // the build (a CI matrix) and never excuses a failure.
  std::unordered_set<std::uint64_t> failed_ids_passed_on_rerun() const {
    std::unordered_set<std::uint64_t> found;
    // Where each failing id failed, by hash.
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> failed_in;
    for (const auto& [key, runs] : failed) {
      auto& where = failed_in[id_hash(key)];
      for (const FailedTest& run : runs) where.push_back(run.report);
    }
    if (failed_in.empty()) return found;
    // A one-bit-per-slot filter in front of the map: most passing ids miss it,
    // which is much cheaper than a hash-map probe per passing case.
    std::vector<bool> filter(k_filter_bits);
    for (const auto& entry : failed_in) filter[entry.first % k_filter_bits] = true;
    for (std::size_t r = 0; r < reports.size(); ++r) {
      const ReportTally& report = reports[r];
      if (!report.readable) continue;
      const bool rerun = report.named_rerun || holds_only_earlier_failures(r, filter, failed_in);
      for (std::size_t i = report.passed_begin; i < report.passed_end; ++i) {
        const std::uint64_t id = passed_ids[i];
        if (!filter[id % k_filter_bits]) continue;
        const auto where = failed_in.find(id);
        if (where == failed_in.end()) continue;
        const auto& in = where->second;
        if (rerun || std::find(in.begin(), in.end(), r) != in.end()) found.insert(id);
      }
    }
    return found;
  }

 private:
  // Whether report `r` looks like a rerun attempt file (pytest-rerunfailures,
  // gotestsum --rerun-fails): every case that ran in it failed in another
  // report, one holding more cases than it. A full matrix leg passing what
  // another leg failed holds tests that never failed, or as many as that leg.
  bool holds_only_earlier_failures(
      std::size_t r, const std::vector<bool>& filter,
      const std::unordered_map<std::uint64_t, std::vector<std::size_t>>& failed_in) const {
    const ReportTally& report = reports[r];
    const std::int64_t ran = report.tests - report.skipped;
    if (ran == 0) return false;
    std::int64_t larger_original = 0;  // the most cases in a report where its tests failed
    auto failed_elsewhere = [&](std::uint64_t id) {
      if (!filter[id % k_filter_bits]) return false;
      const auto where = failed_in.find(id);
      if (where == failed_in.end()) return false;
      bool elsewhere = false;
      for (const std::size_t q : where->second)
        if (q != r) {
          elsewhere = true;
          larger_original = std::max(larger_original, reports[q].tests - reports[q].skipped);
        }
      return elsewhere;
    };
    for (std::size_t i = report.passed_begin; i < report.passed_end; ++i)
      if (!failed_elsewhere(passed_ids[i])) return false;
    for (const auto& [key, runs] : failed)
      for (const FailedTest& run : runs)
        if (run.report == r && !failed_elsewhere(id_hash(key))) return false;
    return larger_original > ran;
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
  // Suites whose declared counts stand with no test case, with their report.
  std::vector<std::pair<std::string, junit::DeclaredOnly>> declared_only;
  std::vector<std::string> warnings;  // read, but doubtful: never the verdict
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
    r.details["warnings"] = read.warnings;
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
      tally.start_report(file.shown, is_named_rerun(file.shown));
      junit::ReportSummary summary;
      std::string err;
      const bool ok = junit::read_report(file.full, tally, &summary, &err);
      tally.end_report(ok);
      if (!ok) {
        read.unreadable.push_back(shown_message(err, file));
        continue;
      }
      r.evidence.push_back({file.shown, summary.sha256, summary.bytes});
      reports.push_back({{"path", file.shown},
                         {"tests", summary.test_cases},
                         {"root", summary.root},
                         {"suites", summary.suite_names.size()}});
      for (auto& suite : summary.declared_only)
        read.declared_only.emplace_back(file.shown, std::move(suite));
      for (auto& warning : summary.warnings)
        read.warnings.push_back(shown_message(std::move(warning), file));
      if (summary.warnings_not_listed > 0)
        read.warnings.push_back(file.shown + ": " +
                                plural(summary.warnings_not_listed, "more warning"));
      note_report_time(ctx.now, file, summary, read);
    }
    r.details["reports"] = reports;
    return read;
  }

  bool is_named_rerun(const std::string& shown) const {
    for (const auto& glob : options_.rerun_reports)
      if (glob_match(glob, shown)) return true;
    return false;
  }

  // Keeps the oldest report's time, from its timestamp attributes or else
  // from the file's modification time: the oldest report decides staleness.
  // A timestamp later than the run's clock is not fresh evidence but wrong
  // evidence: it cannot be judged.
  static void note_report_time(Timestamp now, const EvidencePath& file,
                               const junit::ReportSummary& summary, ReadReports& read) {
    std::optional<Timestamp> t;
    if (!summary.latest_timestamp.empty()) t = parse_timestamp(summary.latest_timestamp);
    const std::int64_t ahead =
        k_clock_skew + (has_zone(summary.latest_timestamp) ? 0 : k_max_utc_offset);
    if (t && *t > now + ahead) {
      read.unreadable.push_back(file.shown + ": timestamp " + quoted(summary.latest_timestamp) +
                                " is in the future (the run's clock says " + format_timestamp(now) +
                                ")");
      return;
    }
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

  // Whether a timestamp as written names its offset from UTC ("Z", "+02:00").
  static bool has_zone(const std::string& stamp) {
    const std::size_t t = stamp.find_first_of("Tt ");
    if (t == std::string::npos) return false;
    return stamp.find_first_of("Zz+-", t) != std::string::npos;
  }

  // Classifies every failing id: flaky if the same id passed on a rerun (in
  // its own report or in a rerun report), quarantined if an unexpired
  // quarantine entry names it, failed otherwise.
  Classified classify(const CheckContext& ctx, const Tally& tally, GateResult& r) const {
    Classified c;
    const std::unordered_set<std::uint64_t> passed_on_rerun = tally.failed_ids_passed_on_rerun();
    for (const auto& [key, runs] : tally.failed) {
      const FailedTest& first = runs.front();
      const std::string id = test_id(key.first, key.second);
      if (passed_on_rerun.count(id_hash(key))) {
        c.flaky.push_back({{"id", id},
                           {"report", first.report_shown},
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
    // Skipped cases did not run: they count as cases, never towards min_tests.
    const std::int64_t ran = tally.tests - tally.skipped;
    if (!r.compare("test cases run", ran, ">=", options_.min_tests, ran >= options_.min_tests)) {
      known_failure = known_failure || complete;
      r.problems.push_back(
          tally.tests == 0 ? "the reports contain no test cases"
          : ran == 0 ? "no test case ran: all " + std::to_string(tally.tests) + " were skipped"
                     : "only " + std::to_string(ran) + " test cases ran; min_tests is " +
                           std::to_string(options_.min_tests));
    }
    if (!check_each_report(tally, r)) known_failure = true;
    if (!check_declared_only(read, r)) known_failure = true;
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

  // A report with no test case that ran is a failure even beside good ones
  // (SPEC §4.1: a report with no test cases is never green). The floor per
  // report is one case, not min_tests: many small reports (one per class)
  // together meet a min_tests that none of them meets alone. Returns false
  // when a report that was read has none.
  bool check_each_report(const Tally& tally, GateResult& r) const {
    if (options_.min_tests < 1) return true;
    std::int64_t empty = 0;
    for (const ReportTally& report : tally.reports) {
      if (!report.readable || report.tests - report.skipped > 0) continue;
      ++empty;
      r.problems.push_back(report.tests == 0 ? report.shown + " contains no test cases"
                                             : report.shown + ": no test case ran (all " +
                                                   std::to_string(report.tests) + " skipped)");
    }
    return r.compare("reports without a test case run", empty, "==", 0, empty == 0);
  }

  // A suite that declares tests, failures or errors but holds no <testcase>
  // is never green: declared failures are failures (false: a known failure);
  // declared tests alone cannot be judged (added to read.unreadable).
  static bool check_declared_only(ReadReports& read, GateResult& r) {
    if (read.declared_only.empty()) return true;
    std::int64_t failures = 0;
    nlohmann::json listed = nlohmann::json::array();
    for (const auto& [report, suite] : read.declared_only) {
      const std::string where =
          report + ":" + std::to_string(suite.line) + ": " +
          (suite.suite.empty() ? std::string("a suite") : "suite " + quoted(suite.suite));
      listed.push_back({{"report", report},
                        {"line", suite.line},
                        {"suite", suite.suite},
                        {"tests", suite.tests},
                        {"failures", suite.failures},
                        {"errors", suite.errors}});
      if (suite.failures + suite.errors > 0) {
        failures += suite.failures + suite.errors;
        r.problems.push_back(where + " declares " +
                             plural(suite.failures + suite.errors, "failure") +
                             " but holds no test cases");
      } else {
        read.unreadable.push_back(where + " declares " + plural(suite.tests, "test") +
                                  " but holds no test cases: they cannot be judged");
      }
    }
    r.details["declared_without_cases"] = listed;
    return r.compare("declared failures without test cases", failures, "==", 0, failures == 0);
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
                        {"report", f.report_shown},
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
  o.rerun_reports = gate.string_list("rerun_reports");
  if (!o.rerun_reports.empty()) {
    const Node* list = gate.find("rerun_reports");
    for (std::size_t i = 0; i < o.rerun_reports.size(); ++i) {
      const std::string& glob = o.rerun_reports[i];
      if (auto problem = glob_problem(glob))
        gate.fail((*list->array)[i],
                  "bad glob " + quoted(glob) + " in \"rerun_reports\": " + *problem);
    }
  }
  return std::make_unique<TestsCheck>(std::move(o));
}

}  // namespace changegate
