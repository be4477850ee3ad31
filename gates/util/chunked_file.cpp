// A ring of four 1 MiB slots: the reader thread fills and hashes them in
// order while the consumer parses the previous ones.
#include "gates/util/chunked_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "gates/util/sha256.h"

namespace changegate {

ChunkedFile::~ChunkedFile() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    quit_ = true;
  }
  freed_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (fd_ >= 0) ::close(fd_);
}

bool ChunkedFile::open(const std::string& path, std::string* err) {
  path_ = path;
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    if (err) *err = path + ": cannot open: " + std::strerror(errno);
    return false;
  }
  thread_ = std::thread([this] { read_all(); });
  return true;
}

void ChunkedFile::read_all() {
  Sha256 hash;
  std::uint64_t total = 0;
  for (std::size_t index = 0;; index = (index + 1) % slots_.size()) {
    Slot& slot = slots_[index];
    {
      std::unique_lock<std::mutex> lock(mutex_);
      freed_.wait(lock, [&] { return quit_ || !slot.full; });
      if (quit_) return;
    }
    // The slot is ours until it is marked full.
    std::size_t size = 0;
    int error = 0;
    while (size < k_chunk_size) {
      const ssize_t n = ::read(fd_, slot.data.get() + size, k_chunk_size - size);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) error = errno;
      if (n <= 0) break;
      size += static_cast<std::size_t>(n);
    }
    const bool is_final = error != 0 || size < k_chunk_size;
    hash.update(slot.data.get(), size);
    total += size;
    if (is_final && error == 0) digest_ = hash.hex_digest();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      slot.size = size;
      slot.is_final = is_final;
      slot.error = error;
      slot.full = true;
      if (is_final) bytes_ = total;
    }
    filled_.notify_one();
    if (is_final) return;
  }
}

bool ChunkedFile::next(std::string_view* chunk, bool* is_final, std::string* err) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (holding_) {
    // Hand the previous chunk back to the reader.
    slots_[(next_slot_ + slots_.size() - 1) % slots_.size()].full = false;
    holding_ = false;
    freed_.notify_one();
  }
  Slot& slot = slots_[next_slot_];
  filled_.wait(lock, [&] { return slot.full; });
  if (slot.error != 0) {
    if (err) *err = path_ + ": cannot read: " + std::strerror(slot.error);
    return false;
  }
  *chunk = std::string_view(slot.data.get(), slot.size);
  *is_final = slot.is_final;
  holding_ = true;
  next_slot_ = (next_slot_ + 1) % slots_.size();
  return true;
}

}  // namespace changegate
