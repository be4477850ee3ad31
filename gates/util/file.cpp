#include "gates/util/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace changegate {

std::optional<std::string> not_regular_file(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return std::string(std::strerror(errno));
  if (S_ISREG(st.st_mode)) return std::nullopt;
  if (S_ISDIR(st.st_mode)) return std::string("is a directory, not a file");
  if (S_ISFIFO(st.st_mode)) return std::string("is a FIFO, not a regular file");
  if (S_ISSOCK(st.st_mode)) return std::string("is a socket, not a regular file");
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
    return std::string("is a device, not a regular file");
  return std::string("is not a regular file");
}

bool read_file(const std::string& path, std::string* content, std::string* err) {
  if (auto why = not_regular_file(path)) {
    *err = path + ": " + *why;
    return false;
  }
  // O_NONBLOCK: should the path have been swapped for a FIFO since the stat,
  // open() still returns at once; fstat() below then refuses it.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    *err = path + ": " + std::strerror(errno);
    return false;
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    *err = path + ": is not a regular file";
    return false;
  }
  content->clear();
  content->reserve(static_cast<std::size_t>(st.st_size));
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      *err = path + ": " + std::strerror(errno);
      ::close(fd);
      return false;
    }
    content->append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return true;
}

bool prepare_output_file(const std::string& path, std::string* err) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) {
    fs::create_directories(parent, ec);
    if (ec) {
      *err = path + ": cannot create " + parent.string() + ": " + ec.message();
      return false;
    }
  }
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      *err = path + ": is a directory";
      return false;
    }
    if (::access(path.c_str(), W_OK) != 0) {
      *err = path + ": " + std::strerror(errno);
      return false;
    }
    return true;
  }
  const std::string dir = parent.empty() ? "." : parent.string();
  if (::access(dir.c_str(), W_OK) != 0) {
    *err = path + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

std::string join_path(const std::string& root, const std::string& relative) {
  if (!relative.empty() && relative[0] == '/') return relative;
  if (root.empty()) return relative;
  return root.back() == '/' ? root + relative : root + "/" + relative;
}

}  // namespace changegate
