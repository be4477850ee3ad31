#include "checks/golden/csv_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>

#include "gates/util/sha256.h"
#include "gates/util/strings.h"

namespace changegate::csv {

namespace {

constexpr std::size_t k_chunk = 1 << 20;

// Reads more bytes into `dst`; returns how many (0 at the end), -1 on error.
using ReadFn = std::function<long(char* dst, std::size_t capacity)>;

// A quoted field, unescaped into the arena: its view is set at the row's
// end, once the arena no longer grows.
struct QuotedField {
  std::size_t index;
  std::size_t arena_offset;
  std::size_t size;
};

enum class RowResult { row, need_more, end, error };

class Parser {
 public:
  Parser(std::string name, char delimiter, ReadFn read)
      : name_(std::move(name)), delimiter_(delimiter), read_(std::move(read)) {
    quoted_.reserve(64);
    views_.reserve(64);
    for (char c : {delimiter, '\n', '\r', '"'}) stop_[static_cast<unsigned char>(c)] = true;
  }

  // For a byte range of data rows: no header, `columns` fields per row.
  void data_only(std::size_t columns) {
    header_ = false;
    columns_ = columns;
  }
  // Stops after the header row (read_header).
  void header_only() { header_only_ = true; }
  // Bytes consumed up to the end of the last parsed row.
  std::uint64_t consumed() const { return bytes_ - (end_ - pos_); }
  bool ended_in_quotes() const { return unterminated_; }
  const std::vector<std::string>& names() const { return names_; }

  bool run(Sink* sink, Summary* summary, std::string* err) {
    buffer_.resize(k_chunk);
    if (!fill(err)) return false;
    if (header_ && end_ - pos_ >= 3 && std::memcmp(buffer_.data() + pos_, "\xEF\xBB\xBF", 3) == 0)
      pos_ += 3;
    bool header = header_;
    std::size_t columns = columns_;
    std::vector<std::string>& names = names_;
    std::int64_t rows = 0;
    while (true) {
      const std::int64_t row_line = line_;
      RowResult r = parse_row(err);
      if (r == RowResult::need_more) {
        if (!fill(err)) return false;
        line_ = row_line;
        continue;
      }
      if (r == RowResult::error) return false;
      if (r == RowResult::end) break;
      if (header) {
        for (const auto& v : views_) names.emplace_back(v);
        columns = names.size();
        if (header_only_) return true;
        if (!sink->on_header(names, err)) return false;
        header = false;
        continue;
      }
      if (views_.size() != columns) {
        *err = name_ + ":" + std::to_string(row_line) + ":" +
               std::to_string(std::min(views_.size(), columns) + 1) +
               ": ragged row: " + plural(static_cast<std::int64_t>(views_.size()), "field") +
               ", the header has " + std::to_string(columns);
        return false;
      }
      ++rows;
      if (!sink->on_row(views_, row_line, err)) return false;
    }
    if (header) {
      *err = name_ + ":1:1: no header row (the file is empty)";
      return false;
    }
    // A byte range is part of a file: its caller digests the whole file.
    if (header_) summary->sha256 = hash_.hex_digest();
    summary->bytes = bytes_;
    summary->rows = rows;
    return true;
  }

 private:
  // Keeps the unparsed tail, grows the buffer for a row longer than it,
  // and appends the next chunk.
  bool fill(std::string* err) {
    if (eof_) return true;
    const std::size_t tail = end_ - pos_;
    if (pos_ > 0) std::memmove(buffer_.data(), buffer_.data() + pos_, tail);
    pos_ = 0;
    end_ = tail;
    if (buffer_.size() - end_ < k_chunk / 2) buffer_.resize(buffer_.size() * 2);
    const long n = read_(buffer_.data() + end_, buffer_.size() - end_);
    if (n < 0) {
      *err = name_ + ": read error: " + std::strerror(errno);
      return false;
    }
    if (n == 0) eof_ = true;
    if (header_) hash_.update(buffer_.data() + end_, static_cast<std::size_t>(n));
    bytes_ += static_cast<std::uint64_t>(n);
    end_ += static_cast<std::size_t>(n);
    return true;
  }

  std::string where(std::int64_t line, std::size_t column) const {
    return name_ + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
  }

  // Parses one record at pos_. On need_more nothing is consumed.
  RowResult parse_row(std::string* err) {
    const char* const base = buffer_.data();
    const char* p = base + pos_;
    const char* const end = base + end_;
    if (p == end) {
      // Trailing newlines at the end of the file are not rows.
      return eof_ ? RowResult::end : RowResult::need_more;
    }
    views_.clear();
    quoted_.clear();
    arena_.clear();
    std::int64_t line = line_;
    while (true) {
      const std::size_t column = views_.size() + 1;
      if (p < end && *p == '"') {
        const std::int64_t quote_line = line;
        ++p;
        const std::size_t offset = arena_.size();
        while (true) {
          const char* q = static_cast<const char*>(std::memchr(p, '"', end - p));
          if (!q) {
            if (!eof_) return RowResult::need_more;
            *err = where(quote_line, column) + "unterminated quoted field";
            unterminated_ = true;
            return RowResult::error;
          }
          for (const char* c = p; c < q; ++c) line += *c == '\n';
          arena_.append(p, q);
          if (q + 1 == end && !eof_) return RowResult::need_more;
          if (q + 1 < end && q[1] == '"') {
            arena_.push_back('"');
            p = q + 2;
            continue;
          }
          p = q + 1;
          break;
        }
        quoted_.push_back({views_.size(), offset, arena_.size() - offset});
        views_.emplace_back();
        if (p < end && *p != delimiter_ && *p != '\n' &&
            !(*p == '\r' && p + 1 < end && p[1] == '\n')) {
          if (*p == '\r' && p + 1 == end && !eof_) return RowResult::need_more;
          *err = where(line, column) + "unexpected character after a closing quote";
          return RowResult::error;
        }
      } else {
        const char* start = p;
        while (p < end) {
          // One table lookup per ordinary byte: the per-row hot loop.
          if (!stop_[static_cast<unsigned char>(*p)]) {
            ++p;
            continue;
          }
          const char c = *p;
          if (c == delimiter_ || c == '\n') break;
          if (c == '\r') {
            if (p + 1 == end && !eof_) return RowResult::need_more;
            if (p + 1 < end && p[1] == '\n') break;
          }
          if (c == '"') {
            *err = where(line, column) + "quote inside an unquoted field (quote the whole field)";
            return RowResult::error;
          }
          ++p;
        }
        if (p == end && !eof_) return RowResult::need_more;
        views_.emplace_back(start, static_cast<std::size_t>(p - start));
      }
      if (p == end) {
        if (!eof_) return RowResult::need_more;
        break;  // the last record, without a newline
      }
      if (*p == delimiter_) {
        ++p;
        continue;
      }
      p += *p == '\r' ? 2 : 1;  // CRLF or LF
      ++line;
      break;
    }
    pos_ = static_cast<std::size_t>(p - base);
    line_ = line;
    for (const auto& q : quoted_)
      views_[q.index] = std::string_view(arena_.data() + q.arena_offset, q.size);
    return RowResult::row;
  }

  std::string name_;
  char delimiter_;
  ReadFn read_;
  std::string buffer_;
  std::size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  std::int64_t line_ = 1;
  std::vector<QuotedField> quoted_;
  bool stop_[256] = {};  // bytes that end or break an unquoted field
  std::string arena_;
  std::vector<std::string_view> views_;
  std::vector<std::string> names_;
  bool header_ = true, header_only_ = false, unterminated_ = false;
  std::size_t columns_ = 0;
  Sha256 hash_;
  std::uint64_t bytes_ = 0;
};

// An open file read from `begin` up to `end` with pread, so several
// parsers can share one file.
class FileRange {
 public:
  FileRange(const std::string& path, std::uint64_t begin, std::uint64_t end, std::string* err)
      : offset_(begin), end_(end) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0)
      *err = path + ": cannot open: " + std::strerror(errno);
    else
      ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
  }
  ~FileRange() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileRange(const FileRange&) = delete;
  FileRange& operator=(const FileRange&) = delete;
  bool ok() const { return fd_ >= 0; }
  ReadFn reader() {
    return [this](char* dst, std::size_t capacity) -> long {
      const std::uint64_t left = end_ - offset_;
      if (left < capacity) capacity = static_cast<std::size_t>(left);
      if (capacity == 0) return 0;
      while (true) {
        const ssize_t n = ::pread(fd_, dst, capacity, static_cast<off_t>(offset_));
        if (n >= 0) {
          offset_ += static_cast<std::uint64_t>(n);
          return static_cast<long>(n);
        }
        if (errno != EINTR) return -1;
      }
    };
  }

 private:
  int fd_ = -1;
  std::uint64_t offset_, end_;
};

constexpr std::uint64_t k_whole_file = UINT64_MAX;

}  // namespace

bool read_file(const std::string& path, char delimiter, Sink& sink, Summary* summary,
               std::string* err) {
  FileRange file(path, 0, k_whole_file, err);
  if (!file.ok()) return false;
  Parser parser(path, delimiter, file.reader());
  return parser.run(&sink, summary, err);
}

bool read_header(const std::string& path, char delimiter, std::vector<std::string>* names,
                 std::uint64_t* data_begin, std::string* err) {
  FileRange file(path, 0, k_whole_file, err);
  if (!file.ok()) return false;
  Parser parser(path, delimiter, file.reader());
  parser.header_only();
  Summary summary;
  if (!parser.run(nullptr, &summary, err)) return false;
  *names = parser.names();
  *data_begin = parser.consumed();
  return true;
}

bool read_range(const std::string& path, char delimiter, std::size_t columns, std::uint64_t begin,
                std::uint64_t end, Sink& sink, Summary* summary, bool* ended_in_quotes,
                std::string* err) {
  FileRange file(path, begin, end, err);
  if (!file.ok()) return false;
  Parser parser(path, delimiter, file.reader());
  parser.data_only(columns);
  const bool ok = parser.run(&sink, summary, err);
  *ended_in_quotes = parser.ended_in_quotes();
  return ok;
}

bool read_text(std::string_view text, const std::string& name, char delimiter, Sink& sink,
               Summary* summary, std::string* err) {
  std::size_t offset = 0;
  Parser parser(name, delimiter, [&](char* dst, std::size_t capacity) -> long {
    const std::size_t n = std::min(capacity, text.size() - offset);
    std::memcpy(dst, text.data() + offset, n);
    offset += n;
    return static_cast<long>(n);
  });
  return parser.run(&sink, summary, err);
}

}  // namespace changegate::csv
