// A byte source read in fixed chunks, shaped as a RapidJSON input stream
// (Peek/Take/Tell). Reading 1 MiB at a time keeps memory flat for files of any
// size (a memory map would count the whole file in the resident set) and
// hashes the bytes as they pass.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "gates/util/sha256.h"

namespace changegate {

class ChunkedInput {
 public:
  using Ch = char;

  // Over a file; check failed() after the parse for read errors.
  explicit ChunkedInput(std::FILE* file) : file_(file), storage_(k_chunk) { refill(); }
  // Over bytes in memory (not copied; must outlive this object).
  ChunkedInput(const char* data, std::size_t size) : data_(data), len_(size) {
    sha_.update(data, size);
  }

  // RapidJSON's stream concept: '\0' at the end.
  Ch Peek() const { return pos_ < len_ ? data_[pos_] : '\0'; }
  Ch Take() {
    if (pos_ >= len_) return '\0';
    const Ch c = data_[pos_];
    if (++pos_ == len_ && file_) refill();
    return c;
  }
  std::size_t Tell() const { return static_cast<std::size_t>(base_ + pos_); }
  // Write side, never used by a reader.
  Ch* PutBegin() { return nullptr; }
  void Put(Ch) {}
  void Flush() {}
  std::size_t PutEnd(Ch*) { return 0; }

  // Skips a UTF-8 byte-order mark at the start, which RapidJSON would reject.
  void skip_bom() {
    if (len_ - pos_ >= 3 && data_[pos_] == '\xEF' && data_[pos_ + 1] == '\xBB' &&
        data_[pos_ + 2] == '\xBF')
      for (int i = 0; i < 3; ++i) Take();
  }
  bool failed() const { return failed_; }
  // Whether every byte has been consumed. Peek() also answers '\0' for a NUL
  // byte inside the data, so a parser that stops there has not seen the end.
  bool at_end() const { return pos_ >= len_; }
  std::uint64_t total_bytes() const { return file_ ? base_ + len_ : len_; }
  std::string hex_digest() { return sha_.hex_digest(); }

 private:
  static constexpr std::size_t k_chunk = 1 << 20;

  void refill() {
    base_ += len_;
    pos_ = 0;
    len_ = std::fread(storage_.data(), 1, storage_.size(), file_);
    if (len_ < storage_.size() && std::ferror(file_)) failed_ = true;
    data_ = storage_.data();
    sha_.update(data_, len_);
  }

  std::FILE* file_ = nullptr;
  std::vector<char> storage_;
  const char* data_ = nullptr;
  std::size_t len_ = 0;
  std::size_t pos_ = 0;
  std::uint64_t base_ = 0;
  bool failed_ = false;
  Sha256 sha_;
};

}  // namespace changegate
