#include "checks/logs/jsonl_reader.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "gates/util/sha256.h"

namespace changegate::jsonl {

namespace {

// Splits a stream of chunks into lines and hands each to the callback.
class LineSplitter {
 public:
  LineSplitter(const LineFn& fn, FileSummary& summary) : fn_(fn), summary_(summary) {}

  void feed(const char* data, std::size_t size) {
    sha_.update(data, size);
    summary_.bytes += size;
    std::size_t start = 0;
    for (std::size_t i = 0; i < size; ++i) {
      if (data[i] != '\n') continue;
      pending_.append(data + start, i - start);
      emit();
      start = i + 1;
    }
    pending_.append(data + start, size - start);
  }

  void finish() {
    if (!pending_.empty()) emit();
    summary_.sha256 = sha_.hex_digest();
  }

 private:
  void emit() {
    ++line_;
    std::string& text = pending_;
    if (line_ == 1 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.find_first_not_of(" \t") != std::string::npos) {
      ++summary_.lines;
      nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
      if (value.is_discarded()) {
        // Re-parse with exceptions only for the message of a bad line.
        std::string why = "not valid JSON";
        try {
          const nlohmann::json reparsed = nlohmann::json::parse(text);
          (void)reparsed;
        } catch (const nlohmann::json::exception& e) {
          why = e.what();
          const auto p = why.find("] ");
          if (p != std::string::npos) why = why.substr(p + 2);
          why = "not valid JSON: " + why;
        }
        fn_(line_, nullptr, why);
      } else {
        fn_(line_, &value, "");
      }
    }
    text.clear();
  }

  const LineFn& fn_;
  FileSummary& summary_;
  Sha256 sha_;
  std::string pending_;
  std::int64_t line_ = 0;
};

}  // namespace

bool read_file(const std::string& path, const LineFn& fn, FileSummary* summary, std::string* err) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    if (err) *err = path + ": cannot read: " + std::strerror(errno);
    return false;
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(f, std::fclose);
  FileSummary local;
  FileSummary& s = summary ? *summary : local;
  s = FileSummary{};
  LineSplitter splitter(fn, s);
  std::vector<char> buf(1 << 16);
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), f)) splitter.feed(buf.data(), n);
  if (std::ferror(f)) {
    if (err) *err = path + ": cannot read: " + std::strerror(errno);
    return false;
  }
  splitter.finish();
  return true;
}

void read_bytes(const std::string& bytes, const LineFn& fn, FileSummary* summary) {
  FileSummary local;
  FileSummary& s = summary ? *summary : local;
  s = FileSummary{};
  LineSplitter splitter(fn, s);
  splitter.feed(bytes.data(), bytes.size());
  splitter.finish();
}

}  // namespace changegate::jsonl
