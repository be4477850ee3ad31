// Streaming reader for JSON-lines files (one JSON value per line), as
// pipelines write structured logs. Memory holds one line at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace changegate::jsonl {

struct FileSummary {
  std::int64_t lines = 0;  // non-blank lines handed to the callback
  std::string sha256;      // hex digest of the file's bytes
  std::uint64_t bytes = 0;
};

// Called once per non-blank line with its 1-based number; `value` is null and
// `error` says why when the line is not valid JSON.
using LineFn =
    std::function<void(std::int64_t line, const nlohmann::json* value, const std::string& error)>;

// Reads PATH line by line (a UTF-8 BOM and CRLF endings are accepted). Returns
// false with *err = "PATH: cannot read: ..." when the file cannot be read;
// a line that is not JSON is reported to `fn`, not an error here.
bool read_file(const std::string& path, const LineFn& fn, FileSummary* summary, std::string* err);

// The same over bytes in memory (tests, fuzzing).
void read_bytes(const std::string& bytes, const LineFn& fn, FileSummary* summary);

}  // namespace changegate::jsonl
