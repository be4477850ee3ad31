// A streaming RFC 4180 CSV reader for the golden gate: header row, quoted
// fields with delimiters, doubled quotes and newlines inside, CRLF or LF,
// a UTF-8 BOM. Memory is one buffer (1 MiB, or the longest row), whatever
// the file size. Malformed input stops the read with "PATH:LINE:COL: ..."
// (ragged row, unterminated quote, stray quote); no row is ever skipped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace changegate::csv {

class Sink {
 public:
  virtual ~Sink() = default;
  // The header's column names. Returning false with *err stops the read.
  virtual bool on_header(const std::vector<std::string>& names, std::string* err) = 0;
  // One data row (as many fields as the header); `line` is where it starts.
  // The views are valid during the call only. Returning false stops the read.
  virtual bool on_row(const std::vector<std::string_view>& fields, std::int64_t line,
                      std::string* err) = 0;
};

struct Summary {
  std::string sha256;  // of the exact bytes read
  std::uint64_t bytes = 0;
  std::int64_t rows = 0;  // data rows, header excluded
};

// Reads `path` into `sink`. Returns false with *err ("PATH:LINE:COL: message"
// for bad input, "PATH: cannot open: ..." for I/O) on the first problem.
bool read_file(const std::string& path, char delimiter, Sink& sink, Summary* summary,
               std::string* err);
// Reads only the header row: its names, and in *data_begin the byte offset
// where the data rows start. Errors as read_file().
bool read_header(const std::string& path, char delimiter, std::vector<std::string>* names,
                 std::uint64_t* data_begin, std::string* err);

// Reads the data rows (no header; `columns` fields each) in bytes [begin,
// end) of the file, for parallel parsing: lines are counted from 1 at
// `begin`, and summary->sha256 is left empty. *ended_in_quotes says the
// range ended inside a quoted field — `end` was not a row boundary.
bool read_range(const std::string& path, char delimiter, std::size_t columns, std::uint64_t begin,
                std::uint64_t end, Sink& sink, Summary* summary, bool* ended_in_quotes,
                std::string* err);

// The same over bytes in memory; `name` stands for the path in messages.
bool read_text(std::string_view text, const std::string& name, char delimiter, Sink& sink,
               Summary* summary, std::string* err);

}  // namespace changegate::csv
