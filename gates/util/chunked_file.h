// Reads a file in chunks on a background thread that also digests it with
// SHA-256, so hashing and reading overlap with whatever parses the chunks.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace changegate {

class ChunkedFile {
 public:
  static constexpr std::size_t k_chunk_size = 1 << 20;

  ChunkedFile() = default;
  // Stops the reading thread and waits for it.
  ~ChunkedFile();
  ChunkedFile(const ChunkedFile&) = delete;
  ChunkedFile& operator=(const ChunkedFile&) = delete;

  // Opens `path` and starts reading; false with *err = "PATH: cannot open: why" on failure.
  bool open(const std::string& path, std::string* err);

  // The next chunk, valid until the next call: false with *err = "PATH: cannot read: why"
  // on a read error; *is_final is true for the last chunk (possibly empty).
  bool next(std::string_view* chunk, bool* is_final, std::string* err);

  // After the final chunk: the file's SHA-256 (lower-case hex) and size.
  const std::string& sha256() const { return digest_; }
  std::uint64_t bytes() const { return bytes_; }

 private:
  struct Slot {
    std::unique_ptr<char[]> data{new char[k_chunk_size]};
    std::size_t size = 0;
    bool full = false;  // filled by the reader, not yet handed back
    bool is_final = false;
    int error = 0;
  };

  void read_all();

  std::string path_;
  int fd_ = -1;
  std::vector<Slot> slots_ = std::vector<Slot>(4);
  std::size_t next_slot_ = 0;  // the consumer's next slot
  bool holding_ = false;       // the consumer holds the slot before next_slot_
  bool quit_ = false;
  std::mutex mutex_;
  std::condition_variable filled_, freed_;
  std::thread thread_;
  std::string digest_;
  std::uint64_t bytes_ = 0;
};

}  // namespace changegate
