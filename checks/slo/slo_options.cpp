#include "checks/slo/slo_options.h"

#include <cctype>
#include <cmath>
#include <set>

#include "gates/change_record.h"
#include "gates/util/strings.h"
#include "gates/util/suggest.h"
#include "gates/util/timestamp.h"

namespace changegate {

namespace {

const std::vector<std::string> k_slo_keys = {"name",
                                             "objective",
                                             "window",
                                             "error_ratio",
                                             "errors",
                                             "total",
                                             "min_budget_remaining",
                                             "burn_rate_alerts",
                                             "on_no_data",
                                             "min_coverage"};
const std::vector<std::string> k_placeholders = {"window", "short_window"};

bool is_env_name(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

// "250ms" as well as the usual "10s", "1m": a sub-second timeout is useful
// against a server on the same host.
std::optional<std::int64_t> read_timeout_ms(const TableReader& gate) {
  auto text = gate.string("timeout");
  if (!text) return std::nullopt;
  const std::string& t = *text;
  if (t.size() > 2 && t.compare(t.size() - 2, 2, "ms") == 0) {
    const std::string digits = t.substr(0, t.size() - 2);
    if (digits.size() <= 9 && digits.find_first_not_of("0123456789") == std::string::npos) {
      const std::int64_t ms = std::stoll(digits);
      if (ms > 0) return ms;
    }
  } else if (auto seconds = parse_duration_seconds(t);
             seconds && *seconds > 0 && *seconds <= 3600) {
    return *seconds * 1000;
  }
  gate.fail("timeout", "key \"timeout\": \"" + t +
                           "\" is not a timeout (use ms, s or m, as in \"10s\" or \"500ms\"; at "
                           "most 1h)");
}

// Every {{...}} must be one we fill in, and {{window}} must be there: a query
// without it would give the same number for the SLO window and every burn window.
void check_template(const TableReader& slo, const std::string& key, const std::string& promql) {
  bool has_window = false;
  for (std::size_t at = promql.find("{{"); at != std::string::npos;
       at = promql.find("{{", at + 2)) {
    const std::size_t close = promql.find("}}", at);
    if (close == std::string::npos)
      slo.fail(key, "key \"" + key + "\": \"{{\" without a closing \"}}\"");
    const std::string name = trim(promql.substr(at + 2, close - at - 2));
    if (name == "window") has_window = true;
    if (name != "window" && name != "short_window")
      slo.fail(key, "key \"" + key + "\": unknown placeholder \"{{" + name + "}}\"" +
                        did_you_mean(name, k_placeholders) +
                        "; the placeholders are {{window}} and {{short_window}}");
  }
  if (!has_window)
    slo.fail(key, "key \"" + key +
                      "\" must contain {{window}}, as in rate(http_requests_total[{{window}}]): "
                      "the gate evaluates it over the SLO window and every burn-rate window");
}

std::vector<BurnRateAlert> read_alerts(const TableReader& owner, std::int64_t period) {
  std::vector<BurnRateAlert> out;
  for (const TableReader& item : owner.table_list("burn_rate_alerts", "")) {
    const TableReader a(item.document(), item.node(), owner.context() + ": " + item.context());
    a.allow_only({"long", "short", "factor", "budget_share"});
    BurnRateAlert alert;
    auto long_window = a.duration("long");
    if (!long_window)
      a.fail(a.node(), "missing required key \"long\" (the long window, as \"1h\")");
    alert.long_window = *long_window;
    alert.short_window = a.duration("short").value_or(*long_window / 12);
    if (alert.short_window < 1 || alert.short_window >= alert.long_window)
      a.fail(a.has("short") ? a.node() : *a.find("long"),
             "the short window must be shorter than the long one, and at least 1s");
    if (alert.long_window > period)
      a.fail(*a.find("long"), "the long window " + format_duration(alert.long_window) +
                                  " is longer than the SLO window " + format_duration(period));
    const auto factor = a.number("factor", 0, 1e9);
    alert.budget_share = a.number("budget_share", 0, 1);
    if (factor.has_value() == alert.budget_share.has_value())
      a.fail(a.node(),
             "give either \"factor\" (the burn rate, as 14.4) or \"budget_share\" (the "
             "share of the budget, as 0.02), not both nor neither");
    alert.factor =
        factor ? *factor : burn_rate_factor(*alert.budget_share, period, alert.long_window);
    out.push_back(alert);
  }
  return out;
}

SloObjective read_slo(const TableReader& slo, const TableReader& gate) {
  slo.allow_only(k_slo_keys);
  SloObjective o;
  o.line = slo.node().line;
  o.name = slo.required_string("name");
  if (!slo.has("objective")) slo.fail(slo.node(), "missing required key \"objective\" (as 0.999)");
  o.objective = *slo.number("objective", 0, 1);
  if (o.objective <= 0 || o.objective >= 1)
    slo.fail("objective", "key \"objective\" must be between 0 and 1 exclusive, as 0.999");
  o.window = slo.duration("window").value_or(o.window);
  o.error_ratio = slo.string("error_ratio").value_or("");
  o.errors = slo.string("errors").value_or("");
  o.total = slo.string("total").value_or("");
  if (!o.error_ratio.empty()) {
    if (slo.has("errors") || slo.has("total"))
      slo.fail(slo.has("errors") ? "errors" : "total",
               "give either \"error_ratio\" or \"errors\" + \"total\", not both");
    check_template(slo, "error_ratio", o.error_ratio);
  } else {
    if (o.errors.empty() || o.total.empty())
      slo.fail(slo.node(), std::string("missing ") +
                               (slo.has("errors") || slo.has("total")
                                    ? (o.errors.empty() ? "\"errors\"" : "\"total\"") +
                                          std::string(" (\"errors\" and \"total\" go together)")
                                    : "\"error_ratio\" (or \"errors\" + \"total\")") +
                               ": PromQL with a {{window}} placeholder");
    check_template(slo, "errors", o.errors);
    check_template(slo, "total", o.total);
  }
  // Per-SLO values override the gate's, which override the defaults.
  auto pick_number = [&](const char* key, double fallback, double min, double max) {
    if (auto v = slo.number(key, min, max)) return *v;
    if (auto v = gate.number(key, min, max)) return *v;
    return fallback;
  };
  o.min_budget_remaining = pick_number("min_budget_remaining", 0, 0, 1);
  o.min_coverage = pick_number("min_coverage", 0.9, 0, 1);
  auto on_no_data = slo.choice("on_no_data", {"error", "pass"});
  if (!on_no_data) on_no_data = gate.choice("on_no_data", {"error", "pass"});
  o.pass_on_no_data = on_no_data.value_or("error") == "pass";
  if (slo.has("burn_rate_alerts"))
    o.alerts = read_alerts(slo, o.window);
  else if (gate.has("burn_rate_alerts"))
    o.alerts = read_alerts(gate, o.window);
  else
    o.alerts = default_burn_rate_alerts(o.window);
  return o;
}

}  // namespace

double burn_rate_factor(double budget_share, std::int64_t period, std::int64_t long_window) {
  return budget_share * static_cast<double>(period) / static_cast<double>(long_window);
}

std::vector<BurnRateAlert> default_burn_rate_alerts(std::int64_t period) {
  std::vector<BurnRateAlert> out;
  for (const auto& [share, long_window] : {std::pair<double, std::int64_t>{0.02, 3600},
                                           std::pair<double, std::int64_t>{0.05, 6 * 3600}}) {
    if (long_window >= period) continue;  // a 6h alert means nothing for a 1h SLO
    out.push_back(
        {long_window, long_window / 12, burn_rate_factor(share, period, long_window), share});
  }
  return out;
}

std::string promql_duration(std::int64_t seconds) {
  // Prometheus reads "4w" too, but "28d" is what people write and search for.
  if (seconds != 0 && seconds % 86400 == 0) return std::to_string(seconds / 86400) + "d";
  return format_duration(seconds);
}

std::string expand_window(const std::string& promql, std::int64_t window) {
  std::string out;
  std::size_t pos = 0;
  for (std::size_t at = promql.find("{{"); at != std::string::npos; at = promql.find("{{", pos)) {
    const std::size_t close = promql.find("}}", at);
    if (close == std::string::npos) break;
    const std::string name = trim(promql.substr(at + 2, close - at - 2));
    out += promql.substr(pos, at - pos);
    if (name == "window")
      out += promql_duration(window);
    else if (name == "short_window")
      out += promql_duration(std::max<std::int64_t>(1, window / 12));
    else
      out += promql.substr(at, close + 2 - at);
    pos = close + 2;
  }
  return out + promql.substr(pos);
}

SloGateOptions read_slo_options(const TableReader& gate) {
  SloGateOptions o;
  o.prometheus = gate.required_string("prometheus");
  if (o.prometheus.rfind("http://", 0) != 0 && o.prometheus.rfind("https://", 0) != 0)
    gate.fail("prometheus",
              "key \"prometheus\": \"" + o.prometheus + "\" is not an http:// or https:// URL");
  const std::size_t authority = o.prometheus.find("//") + 2;
  const std::size_t at = o.prometheus.find('@', authority);
  if (at != std::string::npos && at < o.prometheus.find('/', authority))
    // Never echo the URL here: the part before '@' is a password.
    gate.fail("prometheus",
              "key \"prometheus\" must not carry credentials; name an environment "
              "variable in \"basic_auth_env\" or \"bearer_token_env\" instead");
  if (o.prometheus.find('?') != std::string::npos || o.prometheus.find('#') != std::string::npos)
    gate.fail("prometheus", "key \"prometheus\": give the base URL without a query string");
  while (!o.prometheus.empty() && o.prometheus.back() == '/') o.prometheus.pop_back();

  if (auto headers = gate.table("headers", gate.context() + ": headers")) {
    for (const auto& [name, value] : *headers->node().table) {
      if (value.type != Node::Type::string)
        headers->fail(value, "header \"" + name + "\" must be a string");
      if (lower(name) == "authorization")
        headers->fail(value,
                      "put no credentials in the gate file: name an environment variable "
                      "in \"bearer_token_env\" or \"basic_auth_env\"");
      if (name.empty() || name.find_first_of(":\r\n ") != std::string::npos ||
          value.text.find_first_of("\r\n") != std::string::npos)
        headers->fail(value, "header \"" + name + "\" is not a valid HTTP header");
      o.headers.emplace_back(name, value.text);
    }
  }
  o.bearer_token_env = gate.string("bearer_token_env").value_or("");
  o.basic_auth_env = gate.string("basic_auth_env").value_or("");
  for (const char* key : {"bearer_token_env", "basic_auth_env"}) {
    const std::string& name =
        std::string(key) == "bearer_token_env" ? o.bearer_token_env : o.basic_auth_env;
    if (gate.has(key) && !is_env_name(name))
      gate.fail(key, "key \"" + std::string(key) + "\" names an environment variable, as " +
                         "PROMETHEUS_TOKEN; \"" + name +
                         "\" is not one (it must not be the secret itself)");
  }
  if (!o.bearer_token_env.empty() && !o.basic_auth_env.empty())
    gate.fail("basic_auth_env", "give \"bearer_token_env\" or \"basic_auth_env\", not both");
  o.ca_file = gate.string("ca_file").value_or("");
  if (auto ms = read_timeout_ms(gate)) o.timeout_ms = *ms;
  o.retries = static_cast<int>(gate.integer("retries", 0, 10).value_or(o.retries));
  o.allow_partial = gate.boolean("allow_partial").value_or(false);
  o.where = gate.document().path + ":" + std::to_string(gate.node().line) +
            (gate.context().empty() ? "" : ": " + gate.context());

  o.exempt_change_types = gate.string_list("exempt_change_types");
  for (std::size_t i = 0; i < o.exempt_change_types.size(); ++i) {
    const std::string& type = o.exempt_change_types[i];
    bool known = false;
    for (const auto& t : change_types()) known = known || t == type;
    if (!known) {
      std::string list;
      for (const auto& t : change_types()) list += (list.empty() ? "" : ", ") + t;
      gate.fail((*gate.find("exempt_change_types")->array)[i],
                "key \"exempt_change_types\": \"" + type + "\" is not a change type (" + list +
                    ")" + did_you_mean(type, change_types()));
    }
  }
  // Checked here so a typo in a gate-level default fails even when every SLO overrides it.
  gate.number("min_budget_remaining", 0, 1);
  gate.number("min_coverage", 0, 1);
  gate.choice("on_no_data", {"error", "pass"});

  const auto items = gate.table_list("slo", "");
  if (items.empty())
    gate.fail(gate.has("slo") ? *gate.find("slo") : gate.node(),
              "an slo gate needs at least one [[gate.slo]] with name, objective and error_ratio");
  std::set<std::string> names;
  for (const auto& item : items) {
    TableReader slo(item.document(), item.node(),
                    gate.context() + ": slo \"" +
                        (item.has("name") && item.find("name")->type == Node::Type::string
                             ? item.find("name")->text
                             : std::string("?")) +
                        "\"");
    SloObjective objective = read_slo(slo, gate);
    if (!names.insert(objective.name).second)
      slo.fail("name", "duplicate slo name \"" + objective.name + "\"");
    o.slos.push_back(std::move(objective));
  }
  return o;
}

}  // namespace changegate
